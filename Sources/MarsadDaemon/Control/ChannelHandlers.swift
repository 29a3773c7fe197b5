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
