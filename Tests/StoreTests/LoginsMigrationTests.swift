import CRMCore
import Foundation
import GRDB
import Testing
@testable import Store

@Suite("Store: the v5-logins migration") struct LoginsMigrationTests {
    @Test("§8 audit lines written before v5-logins come from the CLI and keep their fields")
    func existingAuditIsCLI() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loginsmig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("old.sqlite").path)
        try AppDatabase.migrator.migrate(queue, upTo: "v4-capture-attempts")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO audit_log (at, actor, action, target, detail)
                VALUES ('2026-11-30T10:00:00Z', 'root', 'dismiss', 'unmatched 9', 'spam')
                """)
        }
        let migrated = try AppDatabase(queue)
        #expect(try migrated.auditEntries() == [
            AuditLogEntry(id: 1, at: Date(timeIntervalSince1970: 1_796_032_800), actor: "root", origin: .cli,
                          action: "dismiss", target: "unmatched 9", detail: "spam"),
        ])
    }

    @Test("§8 a user's deletion takes its password, rights, attempts and sessions with it; the audit stays")
    func userDeletionCascades() throws {
        let db = try TestDatabase()
        try db.database.importUsers([UserRecord(id: UserID("anna"), name: "Anna", addresses: [])])
        try db.database.grant([.review], to: UserID("anna"), actor: "root", at: Date(timeIntervalSince1970: 0))
        try db.database.setPasswordHash("$2b$04$h", of: UserID("anna"), actor: "root", at: Date(timeIntervalSince1970: 0))
        try db.database.recordLoginAttempt(UserID("anna"), succeeded: false, origin: "console",
                                           at: Date(timeIntervalSince1970: 0))
        try db.database.createSession(ConsoleSession(tokenHash: String(repeating: "a", count: 64), user: UserID("anna"),
                                                     csrfToken: "c", createdAt: Date(timeIntervalSince1970: 0),
                                                     lastSeenAt: Date(timeIntervalSince1970: 0)))
        let left = try db.database.writer.write { db -> Int in
            try db.execute(sql: "DELETE FROM users WHERE id = 'anna'")
            return try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM login_rights) + (SELECT count(*) FROM login_passwords)
                     + (SELECT count(*) FROM login_attempts) + (SELECT count(*) FROM console_sessions)
                """) ?? -1
        }
        #expect(left == 0)
        #expect(try db.database.auditEntries().count == 3)
    }
}
