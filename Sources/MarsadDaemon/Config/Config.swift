import Foundation
import Logging
// MarsadDaemon owns the running service: configuration, the watcher, the ingestor, the
// control server and the systemd glue. It does the I/O; text rules live in MarsadText and
// MarsadExtract, SQL in MarsadStore.
import MarsadModel
import MarsadText
import TOMLKit

/// What happens to a file once its article is committed.
public enum AfterIngest: String, Sendable, CaseIterable {
    /// Move it to `archive/YYYY/MM/` (the default: the original stays at hand).
    case archive
    /// Delete it (the raw bytes are in the database anyway).
    case delete
}

/// The daemon's whole configuration, after defaults, the file and the flags are applied.
/// Every path is absolute.
public struct DaemonConfig: Sendable, Equatable {
    public var dataDir: String
    public var inbox: String
    public var archive: String
    public var failed: String
    public var processing: String
    public var database: String
    public var socket: String

    public var settleMs: Int = 250
    public var maxFileBytes: Int = 10 << 20
    public var rescanIntervalS: Int = 300
    public var afterIngest: AfterIngest = .archive
    /// A file whose derivation (decode, clean, extract) takes longer goes to failed/
    /// (too-slow) instead of holding ingest.
    public var maxDeriveMs: Int = 30_000
    public var startPaused: Bool = false
    /// How a date in a file's name is read when the article's text gives no publication
    /// date ("YMD", "DMY", "MDY"); nil ("off"): names are not read for dates.
    public var fileNameDateOrder: DateOrder? = .ymd
    /// A line that recurs verbatim in this many articles of one outlet (or drop folder) is
    /// boilerplate from then on (`ingest.boilerplate_repeats`); 0: lines are not learned.
    public var boilerplateRepeats: Int = 3
    /// `[outlets]`: the outlet of the files dropped in a folder of the inbox ("bbc" ->
    /// "بي بي سي"), for scrapers that drop one outlet's articles in a folder of their own.
    public var folderOutlets: [String: String] = [:]
    /// `[merge]`: when articles are one story and reports one incident.
    public var merge = MergeOptions()

    public var socketMode: Int = 0o660
    public var adminGroup: String? = nil
    public var maxRequestBytes: Int = 1 << 20
    public var idleTimeoutS: Int = 300
    /// A request line must be complete within this many seconds of its first byte.
    public var requestTimeoutS: Int = 10
    public var maxConnections: Int = 256
    /// A read request (search, events, export...) that runs longer is stopped with an error.
    public var queryTimeoutMs: Int = 5_000

    public var durability: Durability = .full
    public var logLevel: Logger.Level = .info

    /// Defaults with every path under `dataDir` (absolute).
    public init(dataDir: String) {
        self.dataDir = dataDir
        inbox = dataDir + "/inbox"
        archive = dataDir + "/archive"
        failed = dataDir + "/failed"
        processing = dataDir + "/processing"
        database = dataDir + "/marsad.db"
        socket = dataDir + "/control.sock"
    }

    public static let defaultDataDir = "/var/lib/marsad"
}

/// A configuration that cannot be used: which key, which value, and why.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let source: String
    public let key: String?
    public let value: String?
    public let reason: String

    public init(source: String, key: String?, value: String?, reason: String) {
        self.source = source
        self.key = key
        self.value = value
        self.reason = reason
    }

    public var description: String {
        switch (key, value) {
        case let (key?, value?): return "\(source): \(key) = \(value): \(reason)"
        case let (key?, nil): return "\(source): \(key): \(reason)"
        default: return "\(source): \(reason)"
        }
    }
}

/// Values given on the command line; each one that is set wins over the file.
public struct ConfigOverrides: Sendable, Equatable {
    public var dataDir: String?
    public var inbox: String?
    public var database: String?
    public var socket: String?
    public var logLevel: String?
    public var startPaused: Bool?

    public init(
        dataDir: String? = nil, inbox: String? = nil, database: String? = nil, socket: String? = nil,
        logLevel: String? = nil, startPaused: Bool? = nil
    ) {
        self.dataDir = dataDir
        self.inbox = inbox
        self.database = database
        self.socket = socket
        self.logLevel = logLevel
        self.startPaused = startPaused
    }
}

public enum ConfigLoader {
    /// Reads the file at `path` (when given) and applies `overrides`.
    public static func load(
        path: String?, overrides: ConfigOverrides,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(ConfigError) -> DaemonConfig {
        var text: String?
        if let path {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(source: path, key: nil, value: nil, reason: "cannot read the file (missing, or no permission)")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw ConfigError(source: path, key: nil, value: nil, reason: "the file is not UTF-8 text")
            }
            text = decoded
        }
        return try parse(text, source: path ?? "flags", overrides: overrides, workingDirectory: workingDirectory)
    }

    /// Builds the configuration from TOML text (nil: no file) and flags. Refuses unknown
    /// keys, wrong types and out-of-range values, naming the key, the value and why.
    public static func parse(
        _ text: String?, source: String, overrides: ConfigOverrides,
        workingDirectory: String
    ) throws(ConfigError) -> DaemonConfig {
        var keys = KeyReader(source: source)
        if let text {
            do {
                let table = try TOMLTable(string: text)
                keys.flatten(table, prefix: "")
            } catch let error as TOMLParseError {
                throw ConfigError(
                    source: source, key: nil, value: nil,
                    reason: "not valid TOML at line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")
            } catch {
                throw ConfigError(source: source, key: nil, value: nil, reason: "not valid TOML: \(error)")
            }
        }

        func absolute(_ path: String, base: String) -> String {
            let joined = path.hasPrefix("/") ? path : base + "/" + path
            return URL(fileURLWithPath: joined).standardizedFileURL.path
        }

        let fileDataDir = try keys.string("paths.data_dir")
        let dataDirValue = overrides.dataDir ?? fileDataDir ?? DaemonConfig.defaultDataDir
        let dataDir = absolute(dataDirValue, base: workingDirectory)
        var config = DaemonConfig(dataDir: dataDir)
        // Paths in the file are relative to data_dir; paths on the command line to the cwd.
        func path(_ key: String, _ override: String?, _ current: String) throws(ConfigError) -> String {
            let fromFile = try keys.string(key)  // read (and so known) even when a flag wins
            if let override { return absolute(override, base: workingDirectory) }
            if let value = fromFile {
                guard !value.isEmpty else { throw keys.error(key, value, "must not be empty") }
                return absolute(value, base: dataDir)
            }
            return current
        }
        config.inbox = try path("paths.inbox", overrides.inbox, config.inbox)
        config.archive = try path("paths.archive", nil, config.archive)
        config.failed = try path("paths.failed", nil, config.failed)
        config.processing = try path("paths.processing", nil, config.processing)
        config.database = try path("paths.database", overrides.database, config.database)
        config.socket = try path("control.socket", overrides.socket, config.socket)

        config.settleMs = try keys.int("ingest.settle_ms", in: 0...600_000) ?? config.settleMs
        config.maxFileBytes = try keys.size("ingest.max_file_size", in: 1...(1 << 30)) ?? config.maxFileBytes
        config.rescanIntervalS = try keys.int("ingest.rescan_interval_s", in: 0...86_400) ?? config.rescanIntervalS
        config.afterIngest = try keys.choice("ingest.after_ingest", AfterIngest.self) ?? config.afterIngest
        config.maxDeriveMs = try keys.int("ingest.max_derive_ms", in: 100...600_000) ?? config.maxDeriveMs
        if let order = try keys.choice("ingest.filename_date_order", FileNameDateOrderSetting.self) {
            config.fileNameDateOrder = DateOrder(rawValue: order.rawValue)
        }
        config.boilerplateRepeats = try keys.int("ingest.boilerplate_repeats", in: 0...1_000) ?? config.boilerplateRepeats
        if config.boilerplateRepeats == 1 {
            throw keys.error("ingest.boilerplate_repeats", "1", "must be 0 (off) or at least 2: a line in one article is no repetition")
        }
        config.folderOutlets = try keys.strings(under: "outlets")
        for (folder, outlet) in config.folderOutlets where folder.contains("/") || outlet.trimmingCharacters(in: .whitespaces).isEmpty {
            throw keys.error("outlets." + folder, "\"\(outlet)\"", "must name a folder directly in the inbox and a non-empty outlet")
        }
        config.merge.stories.nearDuplicate = try keys.fraction("merge.near_duplicate") ?? config.merge.stories.nearDuplicate
        config.merge.stories.rewrite = try keys.fraction("merge.rewrite") ?? config.merge.stories.rewrite
        config.merge.stories.windowDays = try keys.int("merge.story_window_days", in: 0...30) ?? config.merge.stories.windowDays
        config.merge.incidents.windowDays = try keys.int("merge.incident_window_days", in: 0...30) ?? config.merge.incidents.windowDays
        let fileStartPaused = try keys.bool("ingest.start_paused")
        config.startPaused = overrides.startPaused ?? fileStartPaused ?? config.startPaused

        config.socketMode = try keys.mode("control.socket_mode") ?? config.socketMode
        config.adminGroup = try keys.string("control.admin_group").flatMap { $0.isEmpty ? nil : $0 } ?? config.adminGroup
        config.maxRequestBytes = try keys.size("control.max_request_size", in: 1024...(64 << 20)) ?? config.maxRequestBytes
        config.idleTimeoutS = try keys.int("control.idle_timeout_s", in: 1...86_400) ?? config.idleTimeoutS
        config.requestTimeoutS = try keys.int("control.request_timeout_s", in: 1...3_600) ?? config.requestTimeoutS
        config.maxConnections = try keys.int("control.max_connections", in: 1...65_536) ?? config.maxConnections
        config.queryTimeoutMs = try keys.int("control.query_timeout_ms", in: 10...600_000) ?? config.queryTimeoutMs

        config.durability = try keys.choice("store.durability", Durability.self) ?? config.durability

        let fileLevel = try keys.choice("log.level", Logger.Level.self)
        if let level = overrides.logLevel {
            guard let parsed = Logger.Level(rawValue: level) else {
                throw ConfigError(
                    source: "--log-level", key: nil, value: level,
                    reason: "must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            config.logLevel = parsed
        } else {
            config.logLevel = fileLevel ?? config.logLevel
        }

        try keys.refuseUnknown()
        try validatePaths(config, source: source)
        return config
    }

    private static func validatePaths(_ config: DaemonConfig, source: String) throws(ConfigError) {
        let folders: [(String, String)] = [
            ("paths.inbox", config.inbox), ("paths.archive", config.archive),
            ("paths.failed", config.failed), ("paths.processing", config.processing),
        ]
        for (key, path) in folders where key != "paths.inbox" {
            if path == config.inbox || path.hasPrefix(config.inbox + "/") {
                throw ConfigError(
                    source: source, key: key, value: path,
                    reason: "must not be inside the inbox (\(config.inbox)): marsad would ingest its own files")
            }
        }
        let socketBytes = config.socket.utf8.count
        if socketBytes > 107 {
            throw ConfigError(
                source: source, key: "control.socket", value: config.socket,
                reason: "a Unix socket path may have at most 107 bytes (this one has \(socketBytes))")
        }
    }
}

/// Reads typed values out of the flattened TOML table, remembering which keys were used.
private struct KeyReader {
    let source: String
    var values: [String: TOMLValueConvertible] = [:]

    init(source: String) { self.source = source }

    mutating func flatten(_ table: TOMLTable, prefix: String) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            let name = prefix.isEmpty ? key : prefix + "." + key
            if let nested = value.table {
                flatten(nested, prefix: name)
            } else {
                values[name] = value
            }
        }
    }

    func error(_ key: String, _ value: String, _ reason: String) -> ConfigError {
        ConfigError(source: source, key: key, value: value, reason: reason)
    }

    private mutating func take(_ key: String) -> TOMLValueConvertible? {
        values.removeValue(forKey: key)
    }

    mutating func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = take(key) else { return nil }
        guard let string = value.string else { throw error(key, value.debugDescription, "must be a string (in quotes)") }
        return string
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = take(key) else { return nil }
        guard let number = value.int else { throw error(key, value.debugDescription, "must be a whole number") }
        guard range.contains(number) else {
            throw error(key, String(number), "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// A number from 0 to 1 (a similarity), written with or without a decimal point.
    mutating func fraction(_ key: String) throws(ConfigError) -> Double? {
        guard let value = take(key) else { return nil }
        guard let number = value.double ?? value.int.map(Double.init) else { throw error(key, value.debugDescription, "must be a number") }
        guard (0...1).contains(number) else { throw error(key, String(number), "must be between 0 and 1") }
        return number
    }

    /// Every string under a table (`[outlets]`), by the key after the table's name.
    mutating func strings(under table: String) throws(ConfigError) -> [String: String] {
        var result: [String: String] = [:]
        for key in values.keys.sorted() where key.hasPrefix(table + ".") {
            result[String(key.dropFirst(table.count + 1))] = try string(key)
        }
        return result
    }

    mutating func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = take(key) else { return nil }
        guard let flag = value.bool else { throw error(key, value.debugDescription, "must be true or false") }
        return flag
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(ConfigError) -> T? where T.RawValue == String {
        guard let raw = try string(key) else { return nil }
        guard let value = T(rawValue: raw) else {
            throw error(key, "\"\(raw)\"", "must be one of \(T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
        }
        return value
    }

    /// A byte count: a whole number, or a string such as "10 MiB", "512KiB", "1GiB".
    mutating func size(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = take(key) else { return nil }
        let bytes: Int
        if let number = value.int {
            bytes = number
        } else if let text = value.string, let parsed = Self.parseSize(text) {
            bytes = parsed
        } else {
            throw error(key, value.debugDescription, "must be a number of bytes or a size such as \"10 MiB\" (units B, KiB, MiB, GiB)")
        }
        guard range.contains(bytes) else {
            throw error(key, value.debugDescription, "must be between \(range.lowerBound) and \(range.upperBound) bytes")
        }
        return bytes
    }

    static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix(while: \.isNumber)
        guard let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        let multipliers: [String: Int] = ["": 1, "b": 1, "kib": 1 << 10, "k": 1 << 10, "mib": 1 << 20, "m": 1 << 20, "gib": 1 << 30, "g": 1 << 30]
        guard let multiplier = multipliers[unit] else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    /// A file mode as an octal string ("0660"); a TOML integer would be read as decimal.
    mutating func mode(_ key: String) throws(ConfigError) -> Int? {
        guard let raw = try string(key) else { return nil }
        guard let mode = Int(raw, radix: 8), (0...0o777).contains(mode) else {
            throw error(key, "\"\(raw)\"", "must be an octal mode in quotes, such as \"0660\"")
        }
        return mode
    }

    func refuseUnknown() throws(ConfigError) {
        if let key = values.keys.sorted().first {
            throw error(key, values[key]!.debugDescription, "unknown key (see config/marsad.toml for every key)")
        }
    }
}

/// `ingest.filename_date_order`: an order of day, month and year, or "off".
enum FileNameDateOrderSetting: String, CaseIterable {
    case ymd = "YMD"
    case dmy = "DMY"
    case mdy = "MDY"
    case off
}
