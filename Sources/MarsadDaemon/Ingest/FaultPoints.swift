import Foundation

/// Test-only fault points, read from the environment at start. They let the crash tests
/// stop the daemon at exact instants; nothing sets them in production.
struct FaultPoints: Sendable {
    /// MARSAD_FAULT_KILL_AFTER_CLAIM=N: SIGKILL itself right after the Nth claim.
    var killAfterClaim: Int?
    /// MARSAD_FAULT_KILL_AFTER_COMMIT=N: SIGKILL itself right after the Nth commit, before the move.
    var killAfterCommit: Int?
    /// MARSAD_FAULT_KILL_IN_TRANSACTION=N: SIGKILL itself inside the Nth article's
    /// transaction, after its rows are written and before COMMIT.
    var killInTransaction: Int?
    /// MARSAD_FAULT_INGEST_DELAY_MS=N: sleep N ms in each ingest, to widen crash windows.
    var ingestDelayMs: Int?
    /// MARSAD_FAULT_HANG_ON_FILE=NAME: the ingest loop hangs for good when it takes a file
    /// of that name, once per data folder (a marker file remembers it), so that the
    /// watchdog test sees a stuck pipeline killed and the restarted daemon carry on.
    var hangOnFile: String?
    /// MARSAD_FAULT_SLOW_DERIVE=NAME: deriving a file of that name runs for an hour, as a
    /// parser gone quadratic would: the derivation budget must fail it.
    var slowDeriveFile: String?

    static func fromEnvironment() -> FaultPoints {
        let environment = ProcessInfo.processInfo.environment
        return FaultPoints(
            killAfterClaim: environment["MARSAD_FAULT_KILL_AFTER_CLAIM"].flatMap(Int.init),
            killAfterCommit: environment["MARSAD_FAULT_KILL_AFTER_COMMIT"].flatMap(Int.init),
            killInTransaction: environment["MARSAD_FAULT_KILL_IN_TRANSACTION"].flatMap(Int.init),
            ingestDelayMs: environment["MARSAD_FAULT_INGEST_DELAY_MS"].flatMap(Int.init),
            hangOnFile: environment["MARSAD_FAULT_HANG_ON_FILE"],
            slowDeriveFile: environment["MARSAD_FAULT_SLOW_DERIVE"])
    }
}
