@preconcurrency import Dispatch
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// An open descriptor, closed when the last reference goes: a walk keeps a folder open
/// while any of its subfolders waits to be opened from it.
final class Descriptor {
    let fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}
