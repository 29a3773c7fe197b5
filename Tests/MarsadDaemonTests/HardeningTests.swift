import Foundation
import Testing

@testable import MarsadDaemon

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Bounds that hostile input cannot stretch")
struct HardeningTests {
    @Test func aTimelineHoldsTheNewestBucketsAndCountsTheRest() {
        let days = [("1900-01-01", 2), ("2024-06-01", 1), ("2100-12-31", 3)]
        let byDay = Timeline.buckets(days, by: "day")
        #expect(byDay.buckets.count == Timeline.maxBuckets)
        #expect(byDay.buckets.last?.start == "2100-12-31")
        #expect(byDay.earlier == 3)
        let byWeek = Timeline.buckets(days, by: "week")
        #expect(byWeek.buckets.count <= Timeline.maxBuckets)
        #expect(byWeek.earlier == 3)  // 3,660 weeks before 2100 is 2030
        let near = Timeline.buckets([("2025-10-01", 1), ("2025-10-03", 2)], by: "day")
        #expect(near.buckets.map(\.count) == [1, 0, 2])
        #expect(near.earlier == 0)
    }

    @Test func aFreeNameIsFoundWithoutTryingEveryNumber() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var names: Set<String> = []
        for _ in 0..<40 {
            let name = try FolderNames.free(in: BytePath(folder.path), for: BytePath("latest.html"), reserve: 0)
            #expect(names.insert(name.description).inserted)
            #expect(name.description.hasPrefix("latest") && name.description.hasSuffix(".html"))
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name.description).path, contents: Data())
        }
        #expect(names.contains("latest.html") && names.contains("latest-9.html") && !names.contains("latest-10.html"))
    }

    @Test func failedNamesNeverLookLikeSidecarsOrTemporaries() {
        #expect(FailedFolder.storedName(BytePath("x.reason.json")).description == "x.reason.json.file")
        #expect(FailedFolder.storedName(BytePath(".hidden")).description == "_.hidden")
        #expect(FailedFolder.storedName(BytePath("a.txt")).description == "a.txt")
        #expect(FailedFolder.isFailedFile(BytePath("x.reason.json.file")))
        #expect(!FailedFolder.isFailedFile(BytePath("x.reason.json")))
    }

    @Test func aPathWithNULReachesNoFile() {
        let path = BytePath(Array("/etc".utf8) + [0] + Array("x".utf8))
        #expect(path.hasNUL)
        #expect(path.withCString { access($0, F_OK) } != 0)
    }

    @Test func nothingBeneathTheInboxIsReachedThroughALink() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-beneath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("real"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("x".utf8).write(to: root.appendingPathComponent("real/file.txt"))
        symlink("/etc", root.appendingPathComponent("link").path)
        symlink(root.appendingPathComponent("real/file.txt").path, root.appendingPathComponent("filelink").path)
        let inbox = Beneath(root: BytePath(root.path))
        #expect(try inbox.facts(BytePath("real/file.txt"))?.kind == .regular)
        #expect(try inbox.facts(BytePath("link/passwd")) == nil)
        #expect(try inbox.facts(BytePath("link"))?.kind == .symlink)
        #expect(throws: SystemError.self) { _ = try inbox.openForReading(BytePath("link/passwd")) }
        #expect(throws: SystemError.self) { _ = try inbox.openForReading(BytePath("filelink")) }
        #expect(throws: SystemError.self) { _ = try inbox.openForReading(BytePath("real/../../etc/passwd")) }
        let fd = try inbox.openForReading(BytePath("real/file.txt"))
        close(fd)
    }
}
