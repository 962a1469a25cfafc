import CRMCore
import Foundation

extension AppDatabase {
    /// Every archive, by id (`export archives`, `archive list`).
    public func archives() throws -> [ArchiveRecord] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM archives ORDER BY id").compactMap {
                try Self.archiveRecord(db, ArchiveID(rawValue: $0))
            }
        }
    }

    /// One archive, nil when there is none.
    public func archive(_ id: ArchiveID) throws -> ArchiveRecord? {
        try writer.read { try Self.archiveRecord($0, id) }
    }

    /// The archive an unmatched entry was moved into, nil when it is not archived (§10: acting on it names it).
    public func archiveHolding(unmatched entry: Int64) throws -> ArchiveID? {
        try writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT archive_id FROM archived_unmatched WHERE id = ?", arguments: [entry])
                .map(ArchiveID.init(rawValue:))
        }
    }

    /// Reads an available archive's stream in one read transaction: `makeSource` builds the reader over the chunk
    /// provider it is given (chunk `seq`, nil after the last), `body` consumes it.
    public func readArchive<T>(
        _ id: ArchiveID,
        makeSource: (_ sha256: String, _ chunk: @escaping (Int) throws -> [UInt8]?) -> any ArchiveStreamSource,
        _ body: (ArchiveRecord, any ArchiveStreamSource) throws -> T
    ) throws -> T {
        try writer.read { db in
            let record = try Self.availableArchive(db, id)
            return try body(record, makeSource(record.sha256, Self.chunkProvider(db, id)))
        }
    }

    static func availableArchive(_ db: Database, _ id: ArchiveID) throws -> ArchiveRecord {
        guard let record = try archiveRecord(db, id) else { throw ArchiveUnavailable(id: id, state: nil) }
        guard record.state == .available else { throw ArchiveUnavailable(id: id, state: record.state) }
        return record
    }

    static func chunkProvider(_ db: Database, _ id: ArchiveID) -> (Int) throws -> [UInt8]? {
        { seq in
            try Data.fetchOne(db, sql: "SELECT data FROM archive_chunks WHERE archive_id = ? AND seq = ?",
                              arguments: [id.rawValue, seq]).map { [UInt8]($0) }
        }
    }

    static func archiveRecord(_ db: Database, _ id: ArchiveID) throws -> ArchiveRecord? {
        try Row.fetchOne(db, sql: """
            SELECT id, created_at, created_by, cutoff, activities, unmatched, job_runs, bytes, sha256, state
            FROM archives WHERE id = ?
            """, arguments: [id.rawValue]).map { row in
            guard let state = ArchiveRecord.State(rawValue: row[9]) else {
                throw CorruptValue(table: "archives", column: "state")
            }
            return ArchiveRecord(id: ArchiveID(rawValue: row[0]), createdAt: date(row[1]) ?? .distantPast,
                                 createdBy: row[2], cutoff: row[3], activities: row[4], unmatched: row[5],
                                 jobRuns: row[6], bytes: row[7], sha256: row[8], state: state)
        }
    }
}
