import Foundation
import MarsadProtocol
import MarsadText

#if canImport(Glibc)
    import Glibc
#endif

/// Why a file went to failed/: closed and stable (scripts match on them; docs/OPERATIONS.md
/// lists them).
public enum FailureCode: String, Sendable, CaseIterable {
    // The file's content (DecodeError.Code).
    case empty
    case noText = "no-text"
    case binary
    case invalidUTF16 = "invalid-utf16"
    case undecodable
    case badFormat = "bad-format"
    // The file as a file.
    case tooLarge = "too-large"
    case notRegular = "not-regular"
    case unreadable
    case hardLink = "hard-link"
    /// Its path under the inbox is too long to be claimed into processing/.
    case pathTooLong = "path-too-long"
    /// Deriving it took longer than ingest.max_derive_ms.
    case tooSlow = "too-slow"

    init(_ code: DecodeError.Code) {
        switch code {
        case .empty: self = .empty
        case .noText: self = .noText
        case .binary: self = .binary
        case .invalidUTF16: self = .invalidUTF16
        case .undecodable: self = .undecodable
        case .badFormat: self = .badFormat
        }
    }
}
