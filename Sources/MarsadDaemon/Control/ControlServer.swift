import CLinux
import Foundation
import Logging
import MarsadProtocol
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The control socket: JSON-RPC 2.0, one request per line, many clients at once
/// (docs/PROTOCOL.md). Built on SwiftNIO; the socket is bound in `bind`, before the
/// daemon reports ready, and served by `run` until graceful shutdown.
public final class ControlServer: Service, Sendable {
    struct Connection: Sendable {
        let channel: NIOAsyncChannel<LineFrame, ByteBuffer>
        let peer: PeerCredentials?
    }

    private let serverChannel: NIOAsyncChannel<Connection, Never>
    private let handler: ControlHandler
    private let logger: Logger
    private let live: LiveConfig
    private let open = Atomic<Int>(0)
    public let socketPath: String
    /// Passed by systemd (socket activation): the unit owns the file, its mode and its life.
    public let inherited: Bool

    private init(
        serverChannel: NIOAsyncChannel<Connection, Never>, handler: ControlHandler, logger: Logger,
        live: LiveConfig, socketPath: String, inherited: Bool
    ) {
        self.serverChannel = serverChannel
        self.handler = handler
        self.logger = logger
        self.live = live
        self.socketPath = socketPath
        self.inherited = inherited
    }

    /// Serves the listening socket systemd passed (`inheritedDescriptor`), or binds one at
    /// `control.socket` (replacing a stale socket file: the store lock guarantees no other
    /// marsadd owns it) and sets its mode.
    public static func start(
        live: LiveConfig, inheritedDescriptor: Int32?, handler: ControlHandler,
        group: EventLoopGroup, logger: Logger
    ) async throws -> ControlServer {
        let config = live.current
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            // A client that sends its request and half-closes (socat, `printf ... | nc -U`)
            // must still get its answer.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
        let initializer: @Sendable (Channel) -> EventLoopFuture<Connection> = { channel in
            // Limits are read per connection, so that a reload applies to the next one.
            let settings = live.current
            let peer: EventLoopFuture<marsad_ucred>
            if let provider = channel as? SocketOptionProvider {
                peer = provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(marsad_so_peercred_option()))
            } else {
                peer = channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
            }
            return peer.map { Optional($0) }.recover { _ in nil }.flatMapThrowing { credentials in
                try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: .seconds(Int64(settings.idleTimeoutS))))
                try channel.pipeline.syncOperations.addHandler(IdleCloseHandler())
                try channel.pipeline.syncOperations.addHandler(RequestDeadlineHandler(seconds: settings.requestTimeoutS))
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLength: settings.maxRequestBytes)))
                let wrapped = try NIOAsyncChannel<LineFrame, ByteBuffer>(
                    wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
                return Connection(
                    channel: wrapped,
                    peer: credentials.map {
                        PeerCredentials.atConnect(pid: $0.pid, uid: $0.uid, gid: $0.gid)
                    })
            }
        }
        let channel: NIOAsyncChannel<Connection, Never>
        if let descriptor = inheritedDescriptor {
            channel = try await bootstrap.bind(descriptor, childChannelInitializer: initializer)
        } else {
            try FS.makeDirectories(BytePath(config.socket).parent, mode: 0o755)
            channel = try await bootstrap.bind(
                unixDomainSocketPath: config.socket, cleanupExistingSocketFile: true,
                childChannelInitializer: initializer)
            guard chmod(config.socket, mode_t(config.socketMode)) == 0 else {
                throw SystemError("chmod", config.socket)
            }
        }
        return ControlServer(
            serverChannel: channel, handler: handler, logger: logger, live: live,
            socketPath: config.socket, inherited: inheritedDescriptor != nil)
    }

    /// Serves connections until graceful shutdown, then closes the socket and removes its file.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await serverChannel.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            // close(2), never shutdown(2): an inherited socket stays usable for systemd.
            self.serverChannel.channel.close(promise: nil)
        }
        if !inherited { unlink(socketPath) }
    }

    private func serve(_ connection: Connection) async {
        let count = open.wrappingAdd(1, ordering: .relaxed).newValue
        defer { open.wrappingSubtract(1, ordering: .relaxed) }
        do {
            try await connection.channel.executeThenClose { inbound, outbound in
                let maxConnections = live.current.maxConnections
                if count > maxConnections {
                    let refusal = Response<NoParams>(
                        id: nil,
                        error: RPCError(
                            code: RPCError.internalErrorCode,
                            message: "too many connections (\(maxConnections), control.max_connections); try again"))
                    try await outbound.write(ByteBuffer(bytes: try WireJSON.line(refusal) + [0x0A]))
                    return
                }
                // A request whose connection is closed under it (idle, shutdown, a write
                // error) is cancelled: its reads stop at SQLite's next progress check.
                let inHand = Mutex<Task<Data?, Never>?>(nil)
                connection.channel.channel.closeFuture.whenComplete { _ in inHand.withLock { $0?.cancel() } }
                // Ends between requests when shutdown begins: an idle client must not hold
                // marsadd up, and a request in hand still gets its answer.
                for try await frame in inbound.cancelOnGracefulShutdown() {
                    switch frame {
                    case .line(let buffer):
                        if buffer.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }  // blank line
                        let line = Data(buffer.readableBytesView)
                        let request = Task { await handler.respond(to: line, peer: connection.peer) }
                        inHand.withLock { $0 = request }
                        let answer = await request.value
                        inHand.withLock { $0 = nil }
                        if let answer {
                            try await outbound.write(ByteBuffer(bytes: answer + [0x0A]))
                        }
                    case .tooLong:
                        let refusal = Response<NoParams>(
                            id: nil,
                            error: .invalidRequest(
                                "the request is longer than \(live.current.maxRequestBytes) bytes (control.max_request_size); the connection is closed"
                            ))
                        try await outbound.write(ByteBuffer(bytes: try WireJSON.line(refusal) + [0x0A]))
                        return
                    }
                }
            }
        } catch {
            logger.debug("control connection ended: \(error)")
        }
    }
}
