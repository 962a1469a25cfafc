import CRMCore
import Foundation
import GRDB
import Testing
@testable import Store

/// The §12 migrations on a database an earlier release wrote.
@Suite struct LimitsMigrationTests {
    let directory: URL
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("storetests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test("§12 v4-unmatched-limits keeps the review queue's entries and ids and accepts too_large and unprocessable")
    func unmatchedReasons() throws {
        let path = directory.appendingPathComponent("crm.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try AppDatabase.migrator.migrate(queue, upTo: "v3-scheduler")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO messages (id, identity, excluded, created_at) VALUES (7, 'mid:a@x', 0, '2026-01-01T00:00:00Z');
                    INSERT INTO unmatched (id, message_id, reason, status, audit, updated_at)
                        VALUES (41, 7, 'unknown_sender', 'open', 'decided by §4.4 direction', '2026-01-01T00:00:00Z');
                    """)
                #expect(throws: DatabaseError.self) {
                    try db.execute(sql: "UPDATE unmatched SET reason = 'too_large' WHERE id = 41")
                }
            }
        }
        let database = try AppDatabase.open(path: path)
        try database.writer.write { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT id, message_id, reason, audit FROM unmatched"))
            #expect(row[0] as Int64 == 41 && row[1] as Int64 == 7 && row[2] as String == "unknown_sender")
            #expect(row[3] as String == "decided by §4.4 direction")
            for reason in ["too_large", "unprocessable"] {
                try db.execute(sql: "UPDATE unmatched SET reason = ? WHERE id = 41", arguments: [reason])
            }
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "UPDATE unmatched SET reason = 'bogus' WHERE id = 41")
            }
            try db.execute(sql: "DELETE FROM messages WHERE id = 7") // the foreign key still cascades
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM unmatched") == 0)
        }
    }

    @Test("§12 capture attempts count per mailbox, UIDVALIDITY and UID, and a checkpoint past them forgets them")
    func attempts() throws {
        let database = try AppDatabase.open(path: directory.appendingPathComponent("crm.sqlite").path)
        let a = CaptureAttempt(mailbox: "box", uidValidity: 5, uid: 3)
        let counts = try (1...3).map { n in
            try database.inCaptureTransaction { try $0.recordCaptureAttempt(a, error: "failure \(n)", at: Date()) }
        }
        #expect(counts == [1, 2, 3])
        let other = CaptureAttempt(mailbox: "box", uidValidity: 5, uid: 9)
        #expect(try database.inCaptureTransaction { try $0.recordCaptureAttempt(other, error: "x", at: Date()) } == 1)
        try database.inCaptureTransaction {
            try $0.forgetCaptureAttempts(coveredBy: MailboxCheckpoint(mailbox: "box", uidValidity: 5, lastUID: 3))
        }
        let left = try database.writer.read { try Row.fetchAll($0, sql: "SELECT uid, attempts, last_error FROM capture_attempts") }
        #expect(left.count == 1 && left[0][0] as Int64 == 9)
        try database.inCaptureTransaction {
            try $0.forgetCaptureAttempts(coveredBy: MailboxCheckpoint(mailbox: "box", uidValidity: 6, lastUID: 1))
        }
        #expect(try database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM capture_attempts") } == 0)
    }

    @Test("§12 busy, full, read-only databases are unavailability; a constraint or another error is the message's own")
    func unavailability() throws {
        let database = try AppDatabase.open(path: directory.appendingPathComponent("crm.sqlite").path)
        #expect(database.isUnavailability(DatabaseError(resultCode: .SQLITE_BUSY)))
        #expect(database.isUnavailability(DatabaseError(resultCode: .SQLITE_FULL)))
        #expect(database.isUnavailability(DatabaseError(resultCode: .SQLITE_READONLY)))
        #expect(!database.isUnavailability(DatabaseError(resultCode: .SQLITE_CONSTRAINT)))
        struct Other: Error {}
        #expect(!database.isUnavailability(Other()))
    }
}
