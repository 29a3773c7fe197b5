import Foundation
import MarsadModel
import MarsadProtocol
import Testing

@Suite("Wire format")
struct ProtocolTests {
    func json(_ data: Data) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func requestsUseSnakeCaseKeysAndJSONRPC2() throws {
        let line = try WireJSON.line(Request(id: .number(7), method: .articlesList, params: ListParams(limit: 5, beforeId: 9)))
        let object = try json(line)
        #expect(object["jsonrpc"] as? String == "2.0")
        #expect(object["method"] as? String == "articles.list")
        #expect(object["id"] as? Int == 7)
        let params = try #require(object["params"] as? [String: Any])
        #expect(params["before_id"] as? Int == 9)
        #expect(!line.contains(0x0A))
    }

    @Test func anErrorResponseDecodesWithItsCode() throws {
        let line = Data(#"{"jsonrpc":"2.0","id":"a","error":{"code":-32601,"message":"unknown method"}}"#.utf8)
        let response = try WireJSON.decoder().decode(Response<StatusResult>.self, from: line)
        #expect(response.id == .string("a"))
        #expect(response.error?.code == RPCError.methodNotFoundCode)
        #expect(response.result == nil)
    }

    @Test func anErrorForAnUnreadableRequestCarriesANullID() throws {
        let object = try json(try WireJSON.line(Response<NoParams>(id: nil, error: .parseError("x"))))
        #expect(object.keys.contains("id"))
        #expect(object["id"] is NSNull)
        #expect(!object.keys.contains("result"))
    }

    @Test func exportRecordsNameEveryContractFieldEvenWhenEmpty() throws {
        let record = ExportRecord(
            id: 1, sha256: "ab", file: "000.txt", title: nil, outlet: nil, published: nil,
            receivedAt: "2026-11-23T00:00:00.000Z", cleanText: "نص", removedLines: [])
        let object = try json(try WireJSON.line(record))
        for key in [
            "id", "sha256", "file", "title", "outlet", "published", "places", "actors", "people",
            "quantities", "events", "clean_text", "removed_lines",
        ] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["title"] is NSNull)
        #expect((object["places"] as? [Any])?.isEmpty == true)
    }

    @Test func arabicTravelsAsUTF8NotEscapes() throws {
        let line = try WireJSON.line(SearchParams(query: "داعش"))
        #expect(String(decoding: line, as: UTF8.self).contains("داعش"))
    }

    @Test func onlyStateChangingMethodsNeedPrivilege() {
        let privileged = Method.allCases.filter(\.changesState).map(\.rawValue).sorted()
        #expect(
            privileged == [
                "failed.retry", "incidents.join", "incidents.split", "ingest.pause", "ingest.rescan", "ingest.resume", "reload", "reprocess",
            ])
    }
}

@Suite("The incident on the wire")
struct IncidentWireTests {
    @Test func figuresTravelFlatByRoleAndEveryFieldIsNamed() throws {
        var incident = FindingsRecord.Incident(
            type: "explosion", agents: ["ISIS"], target: nil, places: [], admin1: nil, country: "IQ", lat: nil, lon: nil, count: nil,
            countQualifier: nil, date: nil, datePrecision: nil, relativeDate: nil, evidence: "قتل 16 شخصا وأصيب 14", evidenceStart: 0,
            evidenceEnd: 20, confidence: 0.9)
        incident[.killed] = Figure(value: 16, qualifier: "at-least")
        incident[.injured] = Figure(value: 14)
        let data = try WireJSON.line(incident)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["killed"] as? Int == 16)
        #expect(object["killed_qualifier"] as? String == "at-least")
        #expect(object["injured"] as? Int == 14)
        #expect(object["actors"] as? [String] == ["ISIS"])
        for key in ["id", "also", "captured", "kidnapped_estimate", "date_basis", "geo_precision", "target", "admin1"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["captured"] is NSNull)
        #expect(try WireJSON.decoder().decode(FindingsRecord.Incident.self, from: data) == incident)
    }
}
