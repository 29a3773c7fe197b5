// MarsadProtocol owns the control protocol's wire types: JSON-RPC 2.0 envelopes, one JSON
// object per line, and the params and result of every method (docs/PROTOCOL.md).
// It does no I/O; daemon and clients both build on it, so the two can never disagree.
import Foundation

/// Protocol revision, reported by `version`. Bumped when a method changes incompatibly.
public let protocolVersion = 1
/// Requests longer than this (bytes, without the newline) are refused and the connection closed.
public let defaultMaxRequestBytes = 1 << 20

/// A JSON-RPC request id: a number or a string.
public enum RequestID: Codable, Sendable, Hashable, CustomStringConvertible {
    case number(Int64)
    case string(String)

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): return String(number)
        case .string(let string): return string
        }
    }
}

/// The methods the daemon answers. The raw value is the wire name.
public enum Method: String, Sendable, CaseIterable, Codable {
    case status
    case articlesList = "articles.list"
    case articlesGet = "articles.get"
    case search
    case export
    case eventsList = "events.list"
    case incidentsList = "incidents.list"
    case incidentsGet = "incidents.get"
    case incidentsExport = "incidents.export"
    case incidentsSplit = "incidents.split"
    case incidentsJoin = "incidents.join"
    case storiesList = "stories.list"
    case placesList = "places.list"
    case actorsList = "actors.list"
    case timeline
    case failedList = "failed.list"
    case failedRetry = "failed.retry"
    case ingestPause = "ingest.pause"
    case ingestResume = "ingest.resume"
    case ingestRescan = "ingest.rescan"
    case reload
    case reprocess
    case version

    /// Methods that change the daemon's state: only root, the daemon's own user and the
    /// admin group may call them (checked with SO_PEERCRED).
    public var changesState: Bool {
        switch self {
        case .failedRetry, .ingestPause, .ingestResume, .ingestRescan, .reload, .reprocess, .incidentsSplit, .incidentsJoin: return true
        default: return false
        }
    }
}

/// A JSON-RPC request with typed params.
public struct Request<Params: Codable & Sendable>: Codable, Sendable {
    public var jsonrpc: String = "2.0"
    public var id: RequestID?
    public var method: String
    public var params: Params?

    public init(id: RequestID?, method: Method, params: Params?) {
        self.id = id
        self.method = method.rawValue
        self.params = params
    }
}

/// The part of a request the server reads before it knows the params' type.
public struct RequestEnvelope: Decodable, Sendable {
    public var jsonrpc: String?
    public var id: RequestID?
    public var method: String?
    /// No "id" member at all (not even null): JSON-RPC 2.0 calls this a notification,
    /// which the server runs and never answers.
    public var isNotification: Bool

    enum CodingKeys: String, CodingKey {
        case jsonrpc, id, method
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jsonrpc = try container.decodeIfPresent(String.self, forKey: .jsonrpc)
        method = try container.decodeIfPresent(String.self, forKey: .method)
        isNotification = !container.contains(.id)
        if try isNotification || container.decodeNil(forKey: .id) {
            id = nil
        } else {
            id = try container.decode(RequestID.self, forKey: .id)
        }
    }
}

/// A method whose params are `{}` or absent.
public struct NoParams: Codable, Sendable, Equatable {
    public init() {}
}

/// A JSON-RPC error object. Codes follow JSON-RPC 2.0, with marsad's own below -32000.
public struct RPCError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    public static let notFoundCode = -32001
    public static let permissionDeniedCode = -32002
    public static let badQueryCode = -32003
    public static let storeErrorCode = -32004
    public static let reloadRefusedCode = -32005
    /// A read request ran past control.query_timeout_ms (or was cancelled) and was stopped.
    public static let timedOutCode = -32006

    public static func parseError(_ detail: String) -> RPCError { RPCError(code: parseErrorCode, message: "parse error: \(detail)") }
    public static func invalidRequest(_ detail: String) -> RPCError { RPCError(code: invalidRequestCode, message: "invalid request: \(detail)") }
    public static func methodNotFound(_ name: String) -> RPCError {
        RPCError(code: methodNotFoundCode, message: "unknown method \"\(name)\"; known: \(Method.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    public static func invalidParams(_ detail: String) -> RPCError { RPCError(code: invalidParamsCode, message: "invalid params: \(detail)") }
    public static func internalError(_ detail: String) -> RPCError { RPCError(code: internalErrorCode, message: "internal error: \(detail)") }
}

/// A JSON-RPC response: exactly one of `result` and `error` is set.
public struct Response<Result: Codable & Sendable>: Codable, Sendable {
    public var jsonrpc: String = "2.0"
    public var id: RequestID?
    public var result: Result?
    public var error: RPCError?

    public init(id: RequestID?, result: Result) {
        self.id = id
        self.result = result
    }

    public init(id: RequestID?, error: RPCError) {
        self.id = id
        self.error = error
    }

    // JSON-RPC 2.0: "id" is always present, null when the request's id could not be read.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jsonrpc, forKey: .jsonrpc)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(result, forKey: .result)
        try container.encodeIfPresent(error, forKey: .error)
    }
}

/// The JSON coders both sides use: snake_case keys on the wire, no escaped slashes, UTF-8.
public enum WireJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// Encodes `value` as one line of JSON (without the trailing newline).
    public static func line<T: Encodable>(_ value: T) throws -> Data {
        try encoder().encode(value)
    }
}

/// The version of marsad, shared by marsadd and marsadctl.
public let marsadVersion = "0.1.0"

/// Reads a request line as the server does, in two steps: the envelope (to learn the
/// method), then the params as that method's type. No I/O: the fuzzer drives it with
/// arbitrary bytes (`marsad-fuzz jsonrpc`).
public enum RequestParser {
    /// The envelope of one request line, or the JSON-RPC error to answer with.
    public static func envelope(_ line: Data) throws(RPCError) -> RequestEnvelope {
        do {
            return try JSONDecoder().decode(RequestEnvelope.self, from: line)
        } catch {
            if (try? JSONSerialization.jsonObject(with: line, options: [.fragmentsAllowed])) != nil {
                throw .invalidRequest("expected an object with \"jsonrpc\": \"2.0\", \"method\" and \"id\"")
            }
            throw .parseError("the line is not valid JSON")
        }
    }

    /// The params of a request line as `P`; nil when absent. `required`: absent is an error.
    public static func params<P: Codable & Sendable>(_ type: P.Type, _ line: Data, required: Bool) throws(RPCError) -> P? {
        let request: Request<P>
        do {
            request = try WireJSON.decoder().decode(Request<P>.self, from: line)
        } catch let DecodingError.keyNotFound(key, _) {
            throw .invalidParams("missing \"\(key.stringValue.snakeCased)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidParams("wrong type at \(context.codingPath.map { $0.stringValue.snakeCased }.joined(separator: "."))")
        } catch {
            throw .invalidParams("\(error)")
        }
        if required && request.params == nil { throw .invalidParams("this method needs params") }
        return request.params
    }
}

extension String {
    /// "beforeId" -> "before_id", for messages that name wire keys.
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
