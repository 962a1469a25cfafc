import CRMCore
import Foundation

/// The body of `createArchive`: writes the archive's stream and then takes what it holds out of the live tables,
/// inside the caller's transaction. Records are read one at a time, so memory does not grow with the archive.
struct ArchiveRunWriter {
    let db: Database
    let sink: any ArchiveStreamSink
    let formats: ArchiveLineFormats
    /// Moves the sink's finished chunks into `archive_chunks`.
    let store: () throws -> Void

    /// The ZIP's JSON Lines files, each sized by a first pass over its records and written by a second.
    mutating func files(activities: [Int64], unmatched: [Int64], runs: [Int64]) throws {
        let only = Set(activities)
        try file("activities.jsonl") { emit in
            try AppDatabase.forEachExportedActivity(db, only: only) { emit(formats.activity($0)) }
        }
        try file("unmatched.jsonl") { emit in
            for id in unmatched { for row in try AppDatabase.unmatchedRows(db, only: id) { emit(formats.unmatched(row)) } }
        }
        try file("job-runs.jsonl") { emit in
            for id in runs { if let run = try jobRun(id) { emit(formats.jobRun(run)) } }
        }
    }

    private func file(_ name: String, lines: (([UInt8]) -> Void) throws -> Void) throws {
        var size: Int64 = 0
        try lines { size += Int64($0.count) }
        try sink.beginFile(name, size: size)
        var failure: (any Error)?
        try lines { line in
            guard failure == nil else { return }
            do { try sink.write(line); try store() } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// The live rows that leave, in an order `restore` can insert them in (a blob before the attachment naming it),
    /// and each raw copy as `messages/SHA256.eml` just before its `message_copies` row (which keeps no `raw`).
    mutating func rows(messages: [Int64], activities: [Int64], unmatched: [Int64], runs: [Int64]) throws {
        var written = Set<String>()
        for message in messages {
            for copy in try Row.fetchAll(db, sql: """
                SELECT message_id, sha256, size, raw FROM message_copies WHERE message_id = ? ORDER BY sha256
                """, arguments: [message]) {
                let sha: String = copy[1]
                if written.insert(sha).inserted {
                    let raw: Data = copy[3]
                    try sink.beginFile("messages/\(sha).eml", size: Int64(raw.count))
                    try sink.write([UInt8](raw))
                }
                try sink.row(ArchiveRow(table: "message_copies", columns: [
                    ("message_id", .integer(copy[0])), ("sha256", .text(sha)), ("size", .integer(copy[2])),
                ]))
                try store()
            }
            try rows("SELECT * FROM sources WHERE message_id = ? ORDER BY id", [message], table: "sources")
        }
        var blobs = Set<String>()
        for activity in activities {
            let attachments = try Row.fetchAll(db, sql: """
                SELECT * FROM activity_attachments WHERE activity_id = ? ORDER BY position
                """, arguments: [activity])
            for attachment in attachments {
                let sha: String = attachment["sha256"]
                if blobs.insert(sha).inserted {
                    try rows("SELECT * FROM attachment_blobs WHERE sha256 = ?", [sha], table: "attachment_blobs")
                }
                try sink.row(Self.archiveRow("activity_attachments", attachment))
                try store()
            }
        }
        for id in unmatched { try rows("SELECT * FROM unmatched WHERE id = ?", [id], table: "unmatched") }
        for id in runs { try rows("SELECT * FROM job_runs WHERE id = ?", [id], table: "job_runs") }
    }

    private func rows(_ sql: String, _ arguments: StatementArguments, table: String) throws {
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            try sink.row(Self.archiveRow(table, row))
            try store()
        }
    }

    /// Takes the archived records out of the live tables and marks them archived.
    func removeLive(archive: Int64, messages: [Int64], activities: [Int64], unmatched: [Int64], runs: [Int64]) throws {
        for message in messages {
            try db.execute(sql: "INSERT OR IGNORE INTO archived_messages (message_id, archive_id) VALUES (?, ?)",
                           arguments: [message, archive])
            try db.execute(sql: "DELETE FROM message_copies WHERE message_id = ?", arguments: [message])
            try db.execute(sql: "DELETE FROM sources WHERE message_id = ?", arguments: [message])
        }
        for activity in activities {
            let shas = try String.fetchAll(db, sql: "SELECT sha256 FROM activity_attachments WHERE activity_id = ?",
                                           arguments: [activity])
            try db.execute(sql: "DELETE FROM activity_attachments WHERE activity_id = ?", arguments: [activity])
            for sha in shas {
                try db.execute(sql: """
                    DELETE FROM attachment_blobs WHERE sha256 = ?
                    AND NOT EXISTS (SELECT 1 FROM activity_attachments WHERE sha256 = ?)
                    """, arguments: [sha, sha])
            }
        }
        for id in unmatched {
            try db.execute(sql: "DELETE FROM unmatched WHERE id = ?", arguments: [id])
            try db.execute(sql: "INSERT INTO archived_unmatched (id, archive_id) VALUES (?, ?)", arguments: [id, archive])
        }
        for id in runs { try db.execute(sql: "DELETE FROM job_runs WHERE id = ?", arguments: [id]) }
    }

    private func jobRun(_ id: Int64) throws -> JobRun? {
        try Row.fetchOne(db, sql: """
            SELECT id, job, started_at, ended_at, state, examined, changed, messages FROM job_runs WHERE id = ?
            """, arguments: [id]).map { row in
            let messagesText: String = row[7]
            let messages = (try? JSONSerialization.jsonObject(with: Data(messagesText.utf8))) as? [String] ?? []
            let ended: String? = row[3]
            return JobRun(id: JobRunID(rawValue: row[0]), job: row[1], startedAt: AppDatabase.date(row[2]) ?? .distantPast,
                          endedAt: ended.flatMap(AppDatabase.date), state: JobRunState(rawValue: row[4]) ?? .failed,
                          examined: row[5], changed: row[6], messages: messages)
        }
    }

    static func archiveRow(_ table: String, _ row: Row) -> ArchiveRow {
        ArchiveRow(table: table, columns: zip(row.columns, row.values).map { name, value in
            switch value {
            case .null: (name, .null)
            case .int64(let n): (name, .integer(n))
            case .double(let d): (name, .real(d))
            case .text(let s): (name, .text(s))
            case .blob(let data): (name, .blob([UInt8](data)))
            }
        })
    }
}
