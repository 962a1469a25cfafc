import Glibc

/// The operating-system user running the command: who a CLI action is recorded as without `--as` (§8).
public enum OperatingSystemUser {
    /// The login name of the effective user id (getpwuid(3), not `$USER`, which any caller can set); `uid N` when
    /// the account has no name.
    public static var name: String {
        let uid = geteuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name, name.pointee != 0 else { return "uid \(uid)" }
        return String(cString: name)
    }
}
