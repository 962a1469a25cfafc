import Foundation

/// The audit log of every action of a person, console or CLI (§8, `export audit`). Implemented by Store.
public protocol AuditLog: Sendable {
    /// Appends one entry in its own transaction (actions that change data append theirs inside that change's
    /// transaction instead, so the two are committed together).
    func appendAudit(_ entry: AuditLogEntry) throws
    /// Every entry, oldest first.
    func auditEntries() throws -> [AuditLogEntry]
}
