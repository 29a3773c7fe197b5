/// The folders a file passes through. All on one filesystem, so every move is a rename.
public struct DataLayout: Sendable {
    public var inbox: BytePath
    public var processing: BytePath
    public var archive: BytePath
    public var failed: BytePath

    public init(config: DaemonConfig) {
        inbox = BytePath(config.inbox)
        processing = BytePath(config.processing)
        archive = BytePath(config.archive)
        failed = BytePath(config.failed)
    }
}
