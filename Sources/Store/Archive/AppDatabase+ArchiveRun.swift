import CRMCore
import Foundation

extension AppDatabase {
    /// `archive run` (§10) in one transaction, so that a crash leaves the database before or after it, never between:
    /// activities and closed unmatched entries whose message date is before `cutoff`, and finished job runs that
    /// started before it, go into a new archive. Its stream (written through `sink`, chunk by chunk into
    /// `archive_chunks`) holds the ZIP's files and the live rows that leave: raw copies, sources, attachments, the
    /// unmatched entries and the job runs. Returns nil, writing nothing, when nothing is that old.
    /// `audit` gives the audit line of the new archive, written in the same transaction.
    public func createArchive(cutoff: Date, createdBy: String, at time: Date, formats: ArchiveLineFormats,
                              sink: any ArchiveStreamSink, audit: (ArchiveRecord) -> AuditLogEntry?) throws
        -> ArchiveRecord? {
        let cutoffText = Self.timestamp(cutoff)
        return try writer.write { db -> ArchiveRecord? in
            let activities = try Row.fetchAll(db, sql: """
                SELECT a.id, a.message_id FROM activities a JOIN messages m ON m.id = a.message_id
                WHERE m.date < ? AND NOT EXISTS (SELECT 1 FROM archived_messages x WHERE x.message_id = a.message_id)
                ORDER BY a.id
                """, arguments: [cutoffText]).map { (activity: $0[0] as Int64, message: $0[1] as Int64) }
            let unmatched = try Row.fetchAll(db, sql: """
                SELECT u.id, u.message_id FROM unmatched u JOIN messages m ON m.id = u.message_id
                WHERE u.status IN ('assigned', 'dismissed') AND m.date < ? ORDER BY u.id
                """, arguments: [cutoffText]).map { (entry: $0[0] as Int64, message: $0[1] as Int64) }
            let runs = try Int64.fetchAll(db, sql: """
                SELECT id FROM job_runs WHERE started_at < ? AND state <> 'running' ORDER BY id
                """, arguments: [cutoffText])
            if activities.isEmpty && unmatched.isEmpty && runs.isEmpty { return nil }

            try db.execute(sql: """
                INSERT INTO archives (created_at, created_by, cutoff, activities, unmatched, job_runs, bytes, sha256,
                                      state, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, '', 'available', ?)
                """, arguments: [Self.timestamp(time), createdBy, cutoffText, activities.count, unmatched.count,
                                 runs.count, Self.timestamp(time)])
            let id = try db.lastInsertedRowID
            var seq = 0
            func store() throws {
                for chunk in sink.takeChunks() {
                    try db.execute(sql: "INSERT INTO archive_chunks (archive_id, seq, data) VALUES (?, ?, ?)",
                                   arguments: [id, seq, Data(chunk)])
                    seq += 1
                }
            }
            var writer = ArchiveRunWriter(db: db, sink: sink, formats: formats, store: store)
            try writer.files(activities: activities.map(\.activity), unmatched: unmatched.map(\.entry), runs: runs)
            var messages = activities.map(\.message)
            var seen = Set(messages)
            for (_, message) in unmatched where seen.insert(message).inserted { messages.append(message) }
            try writer.rows(messages: messages, activities: activities.map(\.activity),
                            unmatched: unmatched.map(\.entry), runs: runs)
            let finished = try sink.finish()
            for chunk in finished.chunks {
                try db.execute(sql: "INSERT INTO archive_chunks (archive_id, seq, data) VALUES (?, ?, ?)",
                               arguments: [id, seq, Data(chunk)])
                seq += 1
            }
            try writer.removeLive(archive: id, messages: messages, activities: activities.map(\.activity),
                                  unmatched: unmatched.map(\.entry), runs: runs)
            try db.execute(sql: "UPDATE archives SET bytes = ?, sha256 = ? WHERE id = ?",
                           arguments: [finished.bytes, finished.sha256, id])
            guard let record = try Self.archiveRecord(db, ArchiveID(rawValue: id)) else { return nil }
            if let entry = audit(record) { try Self.insertAudit(db, entry) }
            return record
        }
    }
}
