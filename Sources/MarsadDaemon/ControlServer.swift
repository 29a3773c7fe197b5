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

/// One frame of the control protocol: a line, or the news that a line went over the limit.
enum LineFrame: Sendable {
    case line(ByteBuffer)
    case tooLong
}

/// Splits the byte stream at "\n". A line longer than `maxLength` is not buffered further:
/// it yields `.tooLong` once, and the server answers with an error and closes.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = LineFrame
    let maxLength: Int
    private var scanned = 0
    private var overflowed = false

    init(maxLength: Int) { self.maxLength = maxLength }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if overflowed {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            return .needMoreData
        }
        let view = buffer.readableBytesView
        if let newline = view.dropFirst(scanned).firstIndex(of: 0x0A) {
            let length = newline - view.startIndex
            guard length <= maxLength else { return overflow(context: context, buffer: &buffer) }
            var line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            scanned = 0
            // Tolerate "\r\n" from hand-typed clients.
            if line.readableBytesView.last == 0x0D { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)! }
            context.fireChannelRead(wrapInboundOut(.line(line)))
            return .continue
        }
        scanned = view.count
        if scanned > maxLength { return overflow(context: context, buffer: &buffer) }
        return .needMoreData
    }

    private mutating func overflow(context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        overflowed = true
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        context.fireChannelRead(wrapInboundOut(.tooLong))
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A last request without a newline (e.g. `printf '...' | socat`) still counts.
        if !overflowed, buffer.readableBytes > 0, buffer.readableBytes <= maxLength {
            let line = buffer.readSlice(length: buffer.readableBytes)!
            context.fireChannelRead(wrapInboundOut(.line(line)))
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        return .needMoreData
    }
}

/// Closes a connection that stayed idle past the timeout.
final class IdleCloseHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}

/// Closes a connection whose request line is not complete within `timeout` of its first
/// byte: a client that trickles bytes and never sends the newline (slowloris) would
/// otherwise hold its connection, since every byte resets the idle timer.
final class RequestDeadlineHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let timeout: TimeAmount
    private let message: String
    private var deadline: Scheduled<Void>?

    init(seconds: Int) {
        timeout = .seconds(Int64(seconds))
        message = "the request line was not completed within \(seconds) s (control.request_timeout_s); the connection is closed"
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data).readableBytesView
        if bytes.contains(0x0A) {
            deadline?.cancel()
            deadline = nil
        }
        // A partial line is pending exactly when the last byte is not a newline.
        if let last = bytes.last, last != 0x0A, deadline == nil {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            let message = message
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                let context = loopBound.value
                let refusal = Response<NoParams>(id: nil, error: .invalidRequest(message))
                let line = ((try? WireJSON.line(refusal)) ?? Data()) + [0x0A]
                context.writeAndFlush(NIOAny(ByteBuffer(bytes: line)), promise: nil)
                context.close(promise: nil)
            }
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}

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

    private init(serverChannel: NIOAsyncChannel<Connection, Never>, handler: ControlHandler, logger: Logger,
                 live: LiveConfig, socketPath: String, inherited: Bool) {
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
    public static func start(live: LiveConfig, inheritedDescriptor: Int32?, handler: ControlHandler,
                             group: EventLoopGroup, logger: Logger) async throws -> ControlServer {
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
                return Connection(channel: wrapped, peer: credentials.map {
                    PeerCredentials.atConnect(pid: $0.pid, uid: $0.uid, gid: $0.gid)
                })
            }
        }
        let channel: NIOAsyncChannel<Connection, Never>
        if let descriptor = inheritedDescriptor {
            channel = try await bootstrap.bind(descriptor, childChannelInitializer: initializer)
        } else {
            try FS.makeDirectories(BytePath(config.socket).parent, mode: 0o755)
            channel = try await bootstrap.bind(unixDomainSocketPath: config.socket, cleanupExistingSocketFile: true,
                                               childChannelInitializer: initializer)
            guard chmod(config.socket, mode_t(config.socketMode)) == 0 else {
                throw SystemError("chmod", config.socket)
            }
        }
        return ControlServer(serverChannel: channel, handler: handler, logger: logger, live: live,
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
                    let refusal = Response<NoParams>(id: nil, error: RPCError(code: RPCError.internalErrorCode,
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
                        let refusal = Response<NoParams>(id: nil, error: .invalidRequest(
                            "the request is longer than \(live.current.maxRequestBytes) bytes (control.max_request_size); the connection is closed"))
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
