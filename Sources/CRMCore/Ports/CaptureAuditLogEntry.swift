import Foundation

/// One line of the audit log: who did what to which record, and when.
public struct AuditLogEntry: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var action: String
    public var target: String
    public var detail: String
    public init(at: Date, actor: String, action: String, target: String, detail: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
