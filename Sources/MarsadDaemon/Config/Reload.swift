import Foundation
import Logging
import MarsadProtocol
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The configuration in force, shared by the parts that read it while running. A reload
/// replaces it as a whole; readers always see one consistent version.
public final class LiveConfig: Sendable {
    private let state: Mutex<DaemonConfig>

    public init(_ config: DaemonConfig) { state = Mutex(config) }

    public var current: DaemonConfig { state.withLock { $0 } }

    func replace(_ config: DaemonConfig) { state.withLock { $0 = config } }
}

extension DaemonConfig {
    /// Every setting as (key as in marsad.toml, value), for --check-config and reload diffs.
    public var settings: [(key: String, value: String)] {
        [
            ("paths.data_dir", dataDir), ("paths.inbox", inbox), ("paths.archive", archive),
            ("paths.failed", failed), ("paths.processing", processing), ("paths.database", database),
            ("ingest.settle_ms", String(settleMs)), ("ingest.max_file_size", String(maxFileBytes)),
            ("ingest.rescan_interval_s", String(rescanIntervalS)), ("ingest.after_ingest", afterIngest.rawValue),
            ("ingest.start_paused", String(startPaused)), ("ingest.max_derive_ms", String(maxDeriveMs)),
            ("ingest.filename_date_order", fileNameDateOrder?.rawValue ?? "off"),
            ("ingest.boilerplate_repeats", String(boilerplateRepeats)),
            ("control.socket", socket), ("control.socket_mode", "0" + String(socketMode, radix: 8)),
            ("control.admin_group", adminGroup ?? ""), ("control.max_request_size", String(maxRequestBytes)),
            ("control.idle_timeout_s", String(idleTimeoutS)),
            ("control.request_timeout_s", String(requestTimeoutS)), ("control.max_connections", String(maxConnections)),
            ("control.query_timeout_ms", String(queryTimeoutMs)),
            ("store.durability", durability.rawValue), ("log.level", logLevel.rawValue),
        ] + mergeSettings + folderOutlets.sorted { $0.key < $1.key }.map { ("outlets." + $0.key, $0.value) }
    }

    var mergeSettings: [(key: String, value: String)] {
        let stories = merge.stories
        return [
            ("merge.near_duplicate", String(stories.nearDuplicate)), ("merge.rewrite", String(stories.rewrite)),
            ("merge.story_window_days", String(stories.windowDays)),
            ("merge.incident_window_days", String(merge.incidents.windowDays)),
        ]
    }

    /// Keys that only a restart can change (where things are, and how the store is
    /// opened), each with how to keep the running value: one table, so the two cannot drift.
    static let restartOnly: [(key: String, keep: @Sendable (inout DaemonConfig, DaemonConfig) -> Void)] = [
        ("paths.data_dir", { $0.dataDir = $1.dataDir }), ("paths.inbox", { $0.inbox = $1.inbox }),
        ("paths.archive", { $0.archive = $1.archive }), ("paths.failed", { $0.failed = $1.failed }),
        ("paths.processing", { $0.processing = $1.processing }), ("paths.database", { $0.database = $1.database }),
        ("control.socket", { $0.socket = $1.socket }), ("control.socket_mode", { $0.socketMode = $1.socketMode }),
        ("store.durability", { $0.durability = $1.durability }), ("ingest.start_paused", { $0.startPaused = $1.startPaused }),
    ]

    static let restartOnlyKeys = Set(restartOnly.map(\.key))

    /// `self` with the restart-only settings of `running` kept.
    func keepingRestartOnlySettings(of running: DaemonConfig) -> DaemonConfig {
        var merged = self
        for setting in Self.restartOnly { setting.keep(&merged, running) }
        return merged
    }
}

/// Re-reads the configuration (SIGHUP, `marsadctl reload`). A valid new configuration
/// replaces the running one; an invalid one is refused, the old one stays, and the error
/// is logged and shown by `status` until a reload succeeds. systemd hears RELOADING=1 with
/// MONOTONIC_USEC in one datagram, then READY=1, either way.
public final class Reloader: Sendable {
    public let configPath: String?
    private let overrides: ConfigOverrides
    private let live: LiveConfig
    private let logLevel: LogLevelSetting
    private let onApplied: @Sendable (DaemonConfig) -> Void
    private let logger: Logger
    private let state = Mutex<(lastReloadAt: String?, error: String?)>((nil, nil))
    private let serial = Mutex<Void>(())

    public init(
        configPath: String?, overrides: ConfigOverrides, live: LiveConfig, logLevel: LogLevelSetting,
        logger: Logger, onApplied: @escaping @Sendable (DaemonConfig) -> Void
    ) {
        self.configPath = configPath
        self.overrides = overrides
        self.live = live
        self.logLevel = logLevel
        self.logger = logger
        self.onApplied = onApplied
    }

    /// When the last reload succeeded, and the error of the last one if it failed.
    public var lastReload: (at: String?, error: String?) { state.withLock { ($0.lastReloadAt, $0.error) } }

    /// Reloads now; one reload at a time.
    public func reload() -> Result<ReloadResult, ConfigError> {
        serial.withLock { _ in
            Systemd.notifyReloading()
            logger.info("reloading the configuration", metadata: ["MARSAD_EVENT": "reloading"])
            let running = live.current
            let outcome: Result<ReloadResult, ConfigError>
            do throws(ConfigError) {
                let loaded = try ConfigLoader.load(path: configPath, overrides: overrides)
                let before = Dictionary(uniqueKeysWithValues: running.settings.map { ($0.key, $0.value) })
                let changed = loaded.settings.filter { before[$0.key] != $0.value }.map(\.key)
                let needRestart = changed.filter { DaemonConfig.restartOnlyKeys.contains($0) }
                let applied = changed.filter { !DaemonConfig.restartOnlyKeys.contains($0) }
                let effective = loaded.keepingRestartOnlySettings(of: running)
                live.replace(effective)
                logLevel.value = effective.logLevel
                onApplied(effective)
                state.withLock { $0 = (Timestamps.string(Date()), nil) }
                logger.info(
                    "configuration reloaded",
                    metadata: [
                        "MARSAD_EVENT": "reloaded", "changed": "\(applied.joined(separator: ","))",
                        "restart_needed": "\(needRestart.joined(separator: ","))",
                    ])
                if !needRestart.isEmpty {
                    logger.warning("these settings take effect at the next restart: \(needRestart.joined(separator: ", "))")
                }
                outcome = .success(ReloadResult(applied: applied, restartNeeded: needRestart))
            } catch {
                let message = "reload refused, the previous configuration stays: \(error)"
                state.withLock { $0.error = "\(Timestamps.string(Date())) \(message)" }
                logger.error("\(message)", metadata: ["MARSAD_EVENT": "reload-failed"])
                outcome = .failure(error)
            }
            Systemd.notify("READY=1\nSTATUS=running (configuration \(outcome.isSuccess ? "reloaded" : "reload refused"))")
            return outcome
        }
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}

/// Reloads on every SIGHUP until shutdown (swift-service-lifecycle has no reload hook).
struct ReloadOnHangupService: Service {
    let reloader: Reloader

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            _ = reloader.reload()
        }
    }
}
