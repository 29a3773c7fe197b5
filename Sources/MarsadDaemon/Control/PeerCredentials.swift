@preconcurrency import Dispatch
import Foundation
import Logging
import MarsadExtract
import MarsadModel
import MarsadProtocol
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Who is on the other end of a control connection: SO_PEERCRED's uid and gid, and the
/// groups of that uid, all taken once, when it connects. Nothing is read from /proc/PID
/// later: the peer may have exited and its pid gone to another process by then.
public struct PeerCredentials: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// The primary gid and the supplementary groups of the uid's user (getgrouplist).
    public var groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32]? = nil) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups ?? [gid]
    }

    /// The credentials of a peer that connected as `uid`/`gid`, with its user's groups.
    public static func atConnect(pid: Int32, uid: UInt32, gid: UInt32) -> PeerCredentials {
        PeerCredentials(pid: pid, uid: uid, gid: gid, groups: groups(ofUser: uid, primary: gid))
    }

    static func groups(ofUser uid: uid_t, primary: gid_t) -> [gid_t] {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &found) == 0, found != nil, let name = entry.pw_name else { return [primary] }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, primary, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(name, primary, &groups, &count) >= 0 else { return [primary] }
        }
        return Array(groups.prefix(Int(count)))
    }
}

/// Who may change state: root, the daemon's own user, or the admin group, judged from
/// the credentials taken when the peer connected.
extension ControlHandler {
    /// The admin group's id, looked up at each check: a reload may change the group.
    var adminGroupID: gid_t? {
        guard let name = context.live.current.adminGroup, let group = getgrnam(name) else { return nil }
        return group.pointee.gr_gid
    }

    /// nil when `peer` may change state: root, the daemon's own user, or the admin group.
    func permissionDenial(_ peer: PeerCredentials?) -> String? {
        guard let peer else { return "permission denied: marsadd cannot tell who is connected (SO_PEERCRED failed)" }
        if peer.uid == 0 || peer.uid == geteuid() { return nil }
        if let adminGroupID, peer.gid == adminGroupID || peer.groups.contains(adminGroupID) {
            return nil
        }
        let group = context.live.current.adminGroup.map { " or a member of group \($0)" } ?? ""
        return "permission denied: uid \(peer.uid) may read but not change marsadd's state; run as root, as the daemon's user\(group)"
    }
}
