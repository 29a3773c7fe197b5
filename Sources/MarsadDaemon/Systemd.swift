import CSystemd

/// The service manager's notification socket (sd_notify). A no-op when marsadd does not
/// run under systemd (`NOTIFY_SOCKET` unset). The systemd issue builds STATUS, WATCHDOG,
/// RELOADING and socket activation on this.
public enum Systemd {
    /// Sends one notification, such as "READY=1" or "STATUS=...". Returns sd_notify's
    /// answer: 0 when not under systemd, 1 when sent, a negative errno on failure.
    @discardableResult
    public static func notify(_ state: String) -> Int32 {
        sd_notify(0, state)
    }
}
