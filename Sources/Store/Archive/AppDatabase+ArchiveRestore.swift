import CRMCore
import Foundation

extension AppDatabase {
    /// The tables whose rows an archive holds and `restore` writes back (the only table names that reach SQL from
    /// an archive's stream).
    static let restorableTables: Set<String> = [
        "message_copies", "sources", "attachment_blobs", "activity_attachments", "unmatched", "job_runs",
    ]

    /// `archive restore` (§10) in one transaction: every row the archive holds goes back with its id, the raw copies
    /// from its `messages/SHA256.eml` files; the archive's marks and chunks go, its state becomes `restored`, and
    /// `audit` is written with it. A damaged stream (checksum) throws before the commit, restoring nothing.
    public func restoreArchive(
        _ id: ArchiveID, at time: Date, audit: AuditLogEntry,
        makeSource: (_ sha256: String, _ chunk: @escaping (Int) throws -> [UInt8]?) -> any ArchiveStreamSource
    ) throws -> ArchiveRecord {
        try writer.write { db in
            let record = try Self.availableArchive(db, id)
            let source = makeSource(record.sha256, Self.chunkProvider(db, id))
            var lastRaw: (sha: String, bytes: [UInt8])?
            while let entry = try source.next() {
                switch entry {
                case .file(let name, let size):
                    guard name.hasPrefix("messages/"), name.hasSuffix(".eml") else { continue }
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(Int(size))
                    while case let piece = try source.read(upTo: 1 << 20), !piece.isEmpty { bytes += piece }
                    lastRaw = (String(name.dropFirst("messages/".count).dropLast(".eml".count)), bytes)
                case .row(let row):
                    try Self.insertRestored(db, row, lastRaw: lastRaw)
                }
            }
            try db.execute(sql: "DELETE FROM archived_messages WHERE archive_id = ?", arguments: [id.rawValue])
            try db.execute(sql: "DELETE FROM archived_unmatched WHERE archive_id = ?", arguments: [id.rawValue])
            try db.execute(sql: "DELETE FROM archive_chunks WHERE archive_id = ?", arguments: [id.rawValue])
            try db.execute(sql: "UPDATE archives SET state = 'restored', changed_at = ? WHERE id = ?",
                           arguments: [Self.timestamp(time), id.rawValue])
            try Self.insertAudit(db, audit)
            guard let restored = try Self.archiveRecord(db, id) else { throw ArchiveUnavailable(id: id, state: nil) }
            return restored
        }
    }

    private static func insertRestored(_ db: Database, _ row: ArchiveRow, lastRaw: (sha: String, bytes: [UInt8])?) throws {
        guard restorableTables.contains(row.table) else {
            throw CorruptValue(table: row.table, column: "(an archive names a table it cannot hold)")
        }
        var columns = row.columns
        if row.table == "message_copies" {
            guard case .text(let sha)? = row["sha256"] else { throw CorruptValue(table: "message_copies", column: "sha256") }
            if let lastRaw, lastRaw.sha == sha {
                columns.append(("raw", .blob(lastRaw.bytes)))
            } else if let raw = try Data.fetchOne(db, sql: "SELECT raw FROM message_copies WHERE sha256 = ? LIMIT 1",
                                                  arguments: [sha]) {
                columns.append(("raw", .blob([UInt8](raw))))
            } else {
                throw CorruptValue(table: "message_copies", column: "raw of \(sha)")
            }
        }
        let names = columns.map { "\"" + $0.0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let verb = row.table == "attachment_blobs" ? "INSERT OR IGNORE" : "INSERT"
        let sql = "\(verb) INTO \(row.table) (\(names.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let values: [(any DatabaseValueConvertible)?] = columns.map { _, value in
            switch value {
            case .null: nil
            case .integer(let n): n
            case .real(let d): d
            case .text(let s): s
            case .blob(let b): Data(b)
            }
        }
        try db.execute(sql: sql, arguments: StatementArguments(values))
    }

    /// `archive delete` (§10): drops the archive's data for good in one transaction with its audit line; the record
    /// stays, state `deleted`. The freed pages go back to the file system afterwards (`reclaimFreeSpace`).
    public func deleteArchive(_ id: ArchiveID, at time: Date, audit: AuditLogEntry) throws -> ArchiveRecord {
        try writer.write { db in
            _ = try Self.availableArchive(db, id)
            try db.execute(sql: "DELETE FROM archive_chunks WHERE archive_id = ?", arguments: [id.rawValue])
            try db.execute(sql: "UPDATE archives SET state = 'deleted', changed_at = ? WHERE id = ?",
                           arguments: [Self.timestamp(time), id.rawValue])
            try Self.insertAudit(db, audit)
            guard let deleted = try Self.archiveRecord(db, id) else { throw ArchiveUnavailable(id: id, state: nil) }
            return deleted
        }
    }

    /// Returns the database's free pages to the file system: `incremental_vacuum` of `pagesPerBatch` pages at a
    /// time, each batch a short write of its own so that capture waits at most one batch, then a WAL checkpoint that
    /// truncates the file. A database made before `v6-archives` has `auto_vacuum` off; it is switched to INCREMENTAL
    /// by one full `VACUUM` here (it rewrites the whole file: time and free disk space in proportion to its size,
    /// writers waiting meanwhile — docs/archiving.md). Returns the pages released.
    @discardableResult
    public func reclaimFreeSpace(pagesPerBatch: Int = 4096) throws -> Int {
        let mode = try writer.read { try Int.fetchOne($0, sql: "PRAGMA auto_vacuum") ?? 0 }
        var released = 0
        if mode != 2 {
            try writer.writeWithoutTransaction { db in
                released = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                try db.execute(sql: "VACUUM")
            }
        } else {
            while true {
                let (before, after) = try writer.writeWithoutTransaction { db -> (Int, Int) in
                    let before = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
                    if before > 0 { _ = try Row.fetchAll(db, sql: "PRAGMA incremental_vacuum(\(max(1, pagesPerBatch)))") }
                    return (before, try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0)
                }
                released += before - after
                if after == 0 || after >= before { break }
            }
        }
        try writer.writeWithoutTransaction { db in _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return released
    }
}
