import Logging
import Testing

@testable import MarsadDaemon

@Suite("systemd glue, without systemd")
struct SystemdGlueTests {
    @Test(arguments: [
        ("FILE", "FILE"), ("file", "FILE"), ("MARSAD_EVENT", "MARSAD_EVENT"), ("restart_needed", "RESTART_NEEDED"),
        ("_private", "PRIVATE"), ("2fa", "MARSAD_2FA"), ("a-b.c", "A_B_C"), ("خبر", "MARSAD_"),
    ])
    func metadataKeysBecomeJournalFieldNames(key: String, field: String) {
        #expect(JournalLogHandler.fieldName(key) == field)
    }

    @Test func logLevelsMapToSyslogPriorities() {
        #expect(Logger.Level.allCases.map(JournalLogHandler.priority) == [7, 7, 6, 5, 4, 3, 2])
    }

    @Test func theStatusLineSaysStateCountsAndLastIngest() {
        var snapshot = IngestSnapshot()
        snapshot.articles = 5
        snapshot.queue = 2
        #expect(ManagerNotifier.statusLine(snapshot) == "running: 5 articles, queue 2")
        snapshot.paused = true
        snapshot.lastIngestAt = "2026-11-23T10:00:00.000Z"
        snapshot.stuck = 1
        #expect(ManagerNotifier.statusLine(snapshot) == "paused: 5 articles, queue 2, last ingest 2026-11-23T10:00:00.000Z, 1 waiting for the store")
    }

    @Test func aReloadKeepsWhatOnlyARestartCanChange() {
        let running = DaemonConfig(dataDir: "/a")
        var loaded = DaemonConfig(dataDir: "/b")
        loaded.settleMs = 999
        loaded.durability = .normal
        let effective = loaded.keepingRestartOnlySettings(of: running)
        #expect(effective.dataDir == "/a")
        #expect(effective.inbox == "/a/inbox")
        #expect(effective.socket == "/a/control.sock")
        #expect(effective.durability == .full)
        #expect(effective.settleMs == 999)
        // Every key is either applied by a reload or listed as restart-only.
        let keys = Set(running.settings.map(\.key))
        #expect(DaemonConfig.restartOnlyKeys.isSubset(of: keys))
    }
}
