import CRMCore
import Foundation

/// The audit log of every action of a person (§8 `export audit`).
extension AppDatabase: AuditLog {
    public func appendAudit(_ entry: AuditLogEntry) throws {
        try writer.write { db in try Self.insertAudit(db, entry) }
    }

    /// Every entry with its id, oldest first.
    public func auditEntries() throws -> [AuditLogEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, at, actor, origin, action, target, detail FROM audit_log ORDER BY id")
                .map { row in
                    AuditLogEntry(id: row[0], at: Self.date(row[1]) ?? Date(timeIntervalSince1970: 0), actor: row[2],
                                  origin: AuditOrigin(rawValue: row[3]) ?? .cli, action: row[4], target: row[5],
                                  detail: row[6])
                }
        }
    }

    /// Appends `entry` inside the caller's transaction.
    static func insertAudit(_ db: Database, _ entry: AuditLogEntry) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (at, actor, origin, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [timestamp(entry.at), entry.actor, entry.origin.rawValue, entry.action,
                                     entry.target, entry.detail])
    }
}
