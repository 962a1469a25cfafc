/// `archive download|delete|restore` refused (§10): no `--as`, a user without the right `archive`, or a wrong
/// password (locked logins answer the same). Exit 2; nothing was done, and the attempt is in the audit log.
public struct ArchiveRefused: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        case noUser = "give --as USER: downloading, deleting and restoring an archive need a user's password"
        case missingRight = "the user lacks the right archive"
        case wrongPassword = "wrong password, or the login is locked"
        case noPassword = "no password given"
    }

    public var action: String
    public var reason: Reason

    public init(action: String, reason: Reason) {
        self.action = action
        self.reason = reason
    }

    public var description: String { "archive \(action) refused: \(reason.rawValue)" }
}
