import CRMCore
import Foundation

/// The §12 parts of a capture transaction: failed capture attempts and the unmatched reason; the per-day counts.
extension DatabaseCaptureTransaction {
    func unmatchedReason(of message: Int64) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT reason FROM unmatched WHERE message_id = ?"),
                            arguments: [message])
    }

    func recordCaptureAttempt(_ attempt: CaptureAttempt, error: String, at time: Date) throws -> Int {
        try db.cachedStatement(sql: """
            INSERT INTO capture_attempts (mailbox, uid_validity, uid, attempts, last_error, updated_at)
            VALUES (?, ?, ?, 1, ?, ?)
            ON CONFLICT (mailbox, uid_validity, uid) DO UPDATE SET attempts = attempts + 1,
                last_error = excluded.last_error, updated_at = excluded.updated_at
            """).execute(arguments: [attempt.mailbox, Int64(attempt.uidValidity), Int64(attempt.uid), error,
                                     AppDatabase.timestamp(time)])
        return try Int.fetchOne(db.cachedStatement(sql: """
            SELECT attempts FROM capture_attempts WHERE mailbox = ? AND uid_validity = ? AND uid = ?
            """), arguments: [attempt.mailbox, Int64(attempt.uidValidity), Int64(attempt.uid)]) ?? 1
    }

    func countCaptured(_ outcome: PolledOutcome, at time: Date) throws {
        // The day is the prefix of the stored timestamp text: `Day(utc:)` formats with Foundation, too slow for replay.
        try db.cachedStatement(sql: """
            INSERT INTO daily_outcomes (day, outcome, count) VALUES (?, ?, 1)
            ON CONFLICT (day, outcome) DO UPDATE SET count = count + 1
            """).execute(arguments: [String(AppDatabase.timestamp(time).prefix(10)), outcome.rawValue])
    }

    func forgetCaptureAttempts(coveredBy checkpoint: MailboxCheckpoint) throws {
        try db.cachedStatement(sql: """
            DELETE FROM capture_attempts WHERE mailbox = ? AND (uid_validity <> ? OR uid <= ?)
            """).execute(arguments: [checkpoint.mailbox, Int64(checkpoint.uidValidity), Int64(checkpoint.lastUID)])
    }
}
