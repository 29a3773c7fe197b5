import Foundation
import Testing

@testable import MarsadDaemon

@Suite("Configuration")
struct ConfigTests {
    func parse(_ text: String?, _ overrides: ConfigOverrides = ConfigOverrides()) throws -> DaemonConfig {
        try ConfigLoader.parse(text, source: "test.toml", overrides: overrides, workingDirectory: "/work")
    }

    func refusal(_ text: String) -> ConfigError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as ConfigError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aDataDirAloneIsACompleteDefault() throws {
        let config = try parse(nil, ConfigOverrides(dataDir: "var"))
        #expect(config.dataDir == "/work/var")
        #expect(config.inbox == "/work/var/inbox")
        #expect(config.archive == "/work/var/archive")
        #expect(config.failed == "/work/var/failed")
        #expect(config.processing == "/work/var/processing")
        #expect(config.database == "/work/var/marsad.db")
        #expect(config.socket == "/work/var/control.sock")
        #expect(config.settleMs == 250)
        #expect(config.maxFileBytes == 10 << 20)
        #expect(config.afterIngest == .archive)
        #expect(config.durability == .full)
        #expect(config.socketMode == 0o660)
    }

    @Test func theShippedConfigFileIsValidAndSaysWhatTheDefaultsAre() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/marsad.toml").standardized
        let text = try String(contentsOf: url, encoding: .utf8)
        let config = try parse(text)
        #expect(config.dataDir == "/var/lib/marsad")
        #expect(config.inbox == "/var/lib/marsad/inbox")
        #expect(config.socket == "/run/marsad/control.sock")
        // Every other key in the shipped file carries its default.
        var defaults = DaemonConfig(dataDir: "/var/lib/marsad")
        defaults.socket = config.socket
        defaults.adminGroup = config.adminGroup
        #expect(config == defaults)
        #expect(config.adminGroup == "marsad")
    }

    @Test func fileValuesAreReadAndPathsAreRelativeToTheDataDir() throws {
        let config = try parse(
            """
            [paths]
            data_dir = "/srv/marsad"
            inbox = "drop"
            [ingest]
            settle_ms = 1000
            max_file_size = "2 MiB"
            after_ingest = "delete"
            [control]
            socket_mode = "0600"
            [store]
            durability = "normal"
            [log]
            level = "debug"
            """)
        #expect(config.inbox == "/srv/marsad/drop")
        #expect(config.database == "/srv/marsad/marsad.db")
        #expect(config.settleMs == 1000)
        #expect(config.maxFileBytes == 2 << 20)
        #expect(config.afterIngest == .delete)
        #expect(config.socketMode == 0o600)
        #expect(config.durability == .normal)
        #expect(config.logLevel == .debug)
    }

    @Test func flagsWinOverTheFile() throws {
        let config = try parse(
            """
            [paths]
            data_dir = "/srv/marsad"
            [control]
            socket = "/run/x.sock"
            [log]
            level = "error"
            """, ConfigOverrides(dataDir: "here", socket: "s.sock", logLevel: "debug", startPaused: true))
        #expect(config.dataDir == "/work/here")
        #expect(config.socket == "/work/s.sock")
        #expect(config.logLevel == .debug)
        #expect(config.startPaused)
    }

    @Test func learnedBoilerplateAndFolderOutletsAreRead() throws {
        let config = try parse("[ingest]\nboilerplate_repeats = 5\n[outlets]\nbbc = \"بي بي سي\"\n\"sky news\" = \"Sky News\"\n")
        #expect(config.boilerplateRepeats == 5)
        #expect(config.folderOutlets == ["bbc": "بي بي سي", "sky news": "Sky News"])
        #expect(config.settings.contains { $0.key == "outlets.bbc" && $0.value == "بي بي سي" })
        #expect(try parse(nil).boilerplateRepeats == 3)
        #expect(try #require(refusal("[ingest]\nboilerplate_repeats = 1\n")).reason.contains("at least 2"))
        #expect(try #require(refusal("[outlets]\nbbc = \" \"\n")).key == "outlets.bbc")
        #expect(try #require(refusal("[outlets]\nbbc = 3\n")).key == "outlets.bbc")
    }

    @Test func anUnknownKeyIsRefusedByName() throws {
        let error = try #require(refusal("[ingest]\nsettle_msec = 5\n"))
        #expect(error.key == "ingest.settle_msec")
        #expect(error.description.contains("unknown key"))
    }

    @Test func aWrongTypeIsRefusedWithKeyValueAndReason() throws {
        let error = try #require(refusal("[ingest]\nsettle_ms = \"fast\"\n"))
        #expect(error.key == "ingest.settle_ms")
        #expect(error.description.contains("fast"))
        #expect(error.reason.contains("whole number"))
    }

    @Test func anOutOfRangeValueIsRefused() throws {
        let error = try #require(refusal("[ingest]\nsettle_ms = -5\n"))
        #expect(error.description == "test.toml: ingest.settle_ms = -5: must be between 0 and 600000")
    }

    @Test func aBadChoiceListsTheGoodOnes() throws {
        let error = try #require(refusal("[store]\ndurability = \"maybe\"\n"))
        #expect(error.reason.contains("\"full\""))
    }

    @Test func aBadSizeIsRefused() throws {
        #expect(refusal("[ingest]\nmax_file_size = \"10 parsecs\"\n")?.key == "ingest.max_file_size")
        #expect(refusal("[ingest]\nmax_file_size = 0\n")?.key == "ingest.max_file_size")
    }

    @Test func brokenTOMLIsRefusedWithItsLine() throws {
        let error = try #require(refusal("[ingest]\nsettle_ms = = 3\n"))
        #expect(error.reason.contains("line 2"))
    }

    @Test func foldersInsideTheInboxAreRefused() throws {
        #expect(refusal("[paths]\ndata_dir = \"/d\"\narchive = \"inbox/archive\"\n")?.key == "paths.archive")
    }

    @Test func anOverlongSocketPathIsRefused() throws {
        let long = String(repeating: "x", count: 120)
        #expect(refusal("[control]\nsocket = \"/\(long)\"\n")?.key == "control.socket")
    }

    @Test func aBadLogLevelFlagIsRefused() {
        #expect(throws: ConfigError.self) { try parse(nil, ConfigOverrides(logLevel: "loud")) }
    }
}

@Suite("Names and paths")
struct NameTests {
    @Test(arguments: [".hidden", ".name.txt.tmp", "a.part", "a.tmp", "a~", "a.crdownload", "a.swp", ".DS_Store", "Thumbs.db", "@eaDir", "__MACOSX"])
    func partialAndHiddenNamesAreIgnored(name: String) {
        #expect(IgnoredNames.isIgnored(BytePath(name)))
    }

    @Test(arguments: ["000_bfe73c63da6fecad.txt", "خبر عاجل.txt", "article.html", "-leading-dash.txt"])
    func articleNamesAreNotIgnored(name: String) {
        #expect(!IgnoredNames.isIgnored(BytePath(name)))
    }

    @Test func invalidUTF8BytesInNamesAreShownEscaped() {
        let path = BytePath(Array("خبر".utf8) + [0xFF] + Array(".txt".utf8))
        #expect(path.description == "خبر\\xFF.txt")
        #expect(path.lastComponent == path)
        #expect(BytePath("a/b/c.txt").parent == BytePath("a/b"))
    }

    @Test func freeNamesKeepTheOriginalOrNumberIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("marsad-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = BytePath(folder.path)
        #expect(try FolderNames.free(in: base, for: BytePath("a.txt"), reserve: 0) == BytePath("a.txt"))
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("a.txt").path, contents: Data())
        #expect(try FolderNames.free(in: base, for: BytePath("a.txt"), reserve: 0) == BytePath("a-2.txt"))
        let long = BytePath(String(repeating: "ب", count: 127) + ".txt")  // 258 bytes
        let fitted = try FolderNames.free(in: base, for: long, reserve: 12)
        #expect(fitted.bytes.count <= 255 - 12)
        #expect(fitted.description.hasSuffix(".txt"))
    }
}
