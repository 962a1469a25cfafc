import Foundation

/// One line of the audit log: who did what to which record, when, and from where (§8 `export audit`).
public struct AuditLogEntry: Sendable, Equatable {
    /// The log's own number, in the order entries were written; nil for an entry not stored yet.
    public var id: Int64?
    public var at: Date
    /// The person: a user id of `users.csv`, or the operating-system user of a CLI command run without `--as`.
    public var actor: String
    /// Where the person acted.
    public var origin: AuditOrigin
    public var action: String
    /// The record acted on, as `KIND ID` (`unmatched 17`, `user anna`).
    public var target: String
    public var detail: String

    /// `origin` defaults to the CLI: every entry written before the console existed came from a command.
    public init(id: Int64? = nil, at: Date, actor: String, origin: AuditOrigin = .cli, action: String, target: String,
                detail: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.origin = origin
        self.action = action
        self.target = target
        self.detail = detail
    }
}
