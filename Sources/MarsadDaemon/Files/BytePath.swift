import CLinux
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file path as the kernel sees it: bytes, not assumed to be UTF-8. Dropped files may
/// carry any name; marsad must be able to move them all.
public struct BytePath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    public func appending(_ component: BytePath) -> BytePath {
        if bytes.isEmpty { return component }
        if component.bytes.isEmpty { return self }
        return BytePath(bytes + [0x2F] + component.bytes)
    }

    public func appending(_ component: String) -> BytePath { appending(BytePath(component)) }

    /// The last path component.
    public var lastComponent: BytePath {
        guard let slash = bytes.lastIndex(of: 0x2F) else { return self }
        return BytePath(Array(bytes[(slash + 1)...]))
    }

    /// Everything before the last component ("" for a bare name).
    public var parent: BytePath {
        guard let slash = bytes.lastIndex(of: 0x2F) else { return BytePath([UInt8]()) }
        return BytePath(Array(bytes[..<slash]))
    }

    /// For humans and JSON: the bytes as UTF-8, with each invalid byte shown as \xNN.
    public var description: String {
        if let valid = String(validating: bytes, as: UTF8.self) { return valid }
        var result = ""
        var index = 0
        while index < bytes.count {
            // Decode the longest valid prefix, escape one byte, go on.
            var end = index
            var decoded: String?
            for length in stride(from: min(4, bytes.count - index), through: 1, by: -1) {
                if let scalar = String(validating: bytes[index..<(index + length)], as: UTF8.self), scalar.unicodeScalars.count == 1 {
                    decoded = scalar
                    end = index + length
                    break
                }
            }
            if let decoded {
                result += decoded
                index = end
            } else {
                result += String(format: "\\x%02X", bytes[index])
                index += 1
            }
        }
        return result
    }

    public static func < (lhs: BytePath, rhs: BytePath) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }

    /// Whether the path holds a NUL byte: no file has such a name, and C would cut it.
    public var hasNUL: Bool { bytes.contains(0) }

    /// Calls `body` with the path as a NUL-terminated C string. A path holding a NUL is
    /// passed as "" (which every call refuses with ENOENT), never cut at the NUL into
    /// another, real path.
    public func withCString<T>(_ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        var terminated = hasNUL ? [] : bytes
        terminated.append(0)
        return try terminated.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }
}
