import CRMCore
import Store

/// The audit log of the test's SQLite database, written through the capture store's audit (the same `audit_log` table).
struct TestAuditLog: AuditLog {
    let database: AppDatabase
    func appendAudit(_ entry: AuditLogEntry) throws { try database.inCaptureTransaction { try $0.appendAudit(entry) } }
    func auditEntries() throws -> [AuditLogEntry] { try database.auditLog() }
}
