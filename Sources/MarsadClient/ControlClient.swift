// MarsadClient owns the client side of the control socket: connect, send one JSON-RPC
// request per line, read the answer. Blocking on purpose: a CLI call is one short exchange.
import Foundation
import MarsadModel
import MarsadProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// Why a call to the daemon did not produce a result.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// The socket could not be reached: the daemon is not running, or the path is wrong.
    case unreachable(path: String, reason: String)
    /// The daemon answered something that is not a JSON-RPC response we understand.
    case badResponse(String)
    /// The daemon answered with a JSON-RPC error.
    case rpc(RPCError)

    public var description: String {
        switch self {
        case .unreachable(let path, let reason):
            return "cannot reach marsadd at \(path): \(reason) (is marsadd running? see --socket, --data-dir or MARSAD_SOCKET)"
        case .badResponse(let detail):
            return "unexpected answer from marsadd: \(detail)"
        case .rpc(let error):
            return error.message
        }
    }
}

/// A connection to marsadd's control socket. One instance may make several calls in turn;
/// it is not meant to be shared between threads.
public final class ControlClient {
    public let socketPath: String
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var nextID: Int64 = 1
    /// How long to wait for an answer, in seconds.
    public var timeout: Double

    public init(socketPath: String, timeout: Double = 60) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Connects now (calls connect lazily otherwise).
    public func connect() throws(ClientError) {
        guard fd < 0 else { return }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(socketPath.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            throw .unreachable(path: socketPath, reason: "the path is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let socketFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { throw .unreachable(path: socketPath, reason: String(cString: strerror(errno))) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(socketFD)
            throw .unreachable(path: socketPath, reason: reason)
        }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        fd = socketFD
    }

    /// Calls `method` with `params` and decodes its result.
    public func call<Params: Codable & Sendable, Result: Codable & Sendable>(
        _ method: Method, _ params: Params, as: Result.Type = Result.self
    ) throws(ClientError) -> Result {
        let id = nextID
        nextID += 1
        let line: Data
        do {
            line = try WireJSON.line(Request(id: .number(id), method: method, params: params))
        } catch {
            throw .badResponse("cannot encode the request: \(error)")
        }
        let answer = try exchange(Array(line) + [0x0A])
        let response: Response<Result>
        do {
            response = try WireJSON.decoder().decode(Response<Result>.self, from: Data(answer))
        } catch {
            throw .badResponse("\(error) in \(String(decoding: answer.prefix(200), as: UTF8.self))")
        }
        if let error = response.error { throw .rpc(error) }
        guard let result = response.result else { throw .badResponse("a response with neither result nor error") }
        return result
    }

    /// Calls a method that takes no params.
    public func call<Result: Codable & Sendable>(_ method: Method, as: Result.Type = Result.self) throws(ClientError) -> Result {
        try call(method, NoParams(), as: Result.self)
    }

    /// Sends raw bytes and returns the next line the daemon answers (without the newline).
    /// For tests and for tools that speak the protocol themselves.
    public func exchange(_ bytes: [UInt8]) throws(ClientError) -> [UInt8] {
        try connect()
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                // The daemon may have refused the request (too long) and closed: its answer
                // is still waiting to be read.
                if errno == EPIPE || errno == ECONNRESET, let answer = try? readLine() { return answer }
                throw .unreachable(path: socketPath, reason: "send failed: \(reason)")
            }
            sent += written
        }
        return try readLine()
    }

    private func readLine() throws(ClientError) -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
            } else if count == 0 {
                throw .badResponse("the daemon closed the connection without answering")
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw .badResponse("no answer within \(Int(timeout)) s")
            } else {
                throw .unreachable(path: socketPath, reason: "receive failed: \(String(cString: strerror(errno)))")
            }
        }
    }
}
