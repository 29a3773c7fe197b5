import CSQLite
import Dispatch
import MarsadModel
import Synchronization

/// Copies the write-ahead log back into the database on a connection and a queue of its
/// own, so that no commit waits for a checkpoint.
///
/// SQLite's automatic checkpoint runs inside the COMMIT that crosses 1,000 WAL pages: every
/// so often one article took 16-280 ms longer to become searchable (measured on this kind of
/// machine). The writer's automatic checkpoint is off; its WAL hook (called after each
/// commit with the WAL's size) asks for a PASSIVE checkpoint here instead, which never
/// blocks the writer or the readers. Should the log still grow past `selfCheckpointPages`
/// (a reader holding an old snapshot for long), the writer checkpoints itself, as SQLite
/// would have.
final class Checkpointer: @unchecked Sendable {
    static let requestPages: Int32 = 1_000
    static let selfCheckpointPages: Int32 = 50_000  // ~200 MB of log

    private let connection: Connection
    private let queue = DispatchQueue(label: "marsad.checkpoint", qos: .utility)
    private let pending = Mutex(false)

    /// `connection` is owned by the checkpointer from now on: only its queue uses it.
    init(connection: Connection) {
        self.connection = connection
    }

    /// Asks for a checkpoint soon; requests made before it starts count as one.
    func request() {
        let first = pending.withLock { wasPending in
            defer { wasPending = true }
            return !wasPending
        }
        guard first else { return }
        queue.async {
            self.pending.withLock { $0 = false }
            sqlite3_wal_checkpoint_v2(self.connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        }
    }

    /// Waits for the checkpoint in progress, if any (for a clean close).
    func drain() {
        queue.sync {}
    }

    /// Installs the hook on the writer's connection. The writer keeps the checkpointer
    /// alive for as long as its connection lives.
    func attach(to writer: Connection) {
        sqlite3_wal_autocheckpoint(writer.handle, 0)
        sqlite3_wal_hook(
            writer.handle,
            { context, handle, _, pages in
                if pages >= Checkpointer.selfCheckpointPages {
                    sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                } else if pages >= Checkpointer.requestPages, let context {
                    Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().request()
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
    }
}
