import CRMCore
import Foundation
import Glibc
import GRDB

/// The one database of the service: one `DatabaseWriter`, migrated when opened; each write method is one
/// transaction that keeps one invariant (DESIGN.md, "One AppDatabase").
public struct AppDatabase: Sendable {
    /// The engine: SQLite through GRDB, or PostgreSQL through libpq (Store's `Database` API runs on both).
    let writer: DatabaseEngine

    /// Wraps `writer` and applies the migrations it lacks. Refuses a database that a newer release migrated further
    /// (`DatabaseFromNewerRelease`): an older binary would misread a schema it does not know.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = DatabaseEngine(kind: .sqlite(writer))
        let migrator = Self.migrator
        let unknown = try writer.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
            let known = Set(migrator.migrations)
            return applied.filter { !known.contains($0) }
        }
        if !unknown.isEmpty { throw DatabaseFromNewerRelease(path: writer.path, unknownMigrations: unknown) }
        // §10: a new database frees the pages of a deleted archive page by page (`reclaimFreeSpace`); SQLite takes
        // the mode only before the first table is created. Older databases switch at their first archive delete.
        try writer.writeWithoutTransaction { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 {
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            }
        }
        try migrator.migrate(writer)
    }

    /// Opens (creating and migrating on first use) the database file at `path`: a WAL `DatabasePool`, foreign keys
    /// on, statement arguments kept out of errors and logs.
    public static func open(path: String) throws -> AppDatabase {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.publicStatementArguments = false
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // Reads through a memory map instead of one pread(2) a page: the rating reads 100,000s of rows.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try createPrivateFile(path)
        return try AppDatabase(DatabasePool(path: path, configuration: config))
    }

    /// Creates the database file readable and writable by its owner only (0600) when it does not exist yet, before
    /// SQLite opens it: SQLite gives its `-wal` and `-shm` files the mode of the database file, so all three hold the
    /// company's mail for the service's user alone. An existing file keeps its mode.
    static func createPrivateFile(_ path: String) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            Glibc.close(fd)
        } else if errno != EEXIST {
            throw DatabaseFileNotCreated(path: path, errno: errno)
        }
    }

    /// The time text stored in `modified_at`, `started_at`…: ISO 8601 UTC to the second.
    /// Written digit by digit: `String(format:)` (Foundation) was a tenth of replay's time, two calls a message.
    static func timestamp(_ date: Date) -> String {
        // The day as `Day(utc:)` computes it, the time of day from the whole seconds.
        let (year, month, day) = CivilTime.civil(fromDays: Int64((date.timeIntervalSince1970 / 86_400).rounded(.down)))
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var rest = Int(seconds % 86_400)
        if rest < 0 { rest += 86_400 }
        var text: [UInt8] = []
        text.reserveCapacity(20)
        func padded(_ value: Int, _ width: Int) { // printf's %0Nd: the sign counts in the width
            let digits = Array(String(value.magnitude).utf8)
            if value < 0 { text.append(UInt8(ascii: "-")) }
            let pad = width - digits.count - (value < 0 ? 1 : 0)
            if pad > 0 { text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pad)) }
            text.append(contentsOf: digits)
        }
        padded(year, 4); text.append(UInt8(ascii: "-")); padded(month, 2); text.append(UInt8(ascii: "-")); padded(day, 2)
        text.append(UInt8(ascii: "T")); padded(rest / 3600, 2); text.append(UInt8(ascii: ":"))
        padded(rest / 60 % 60, 2); text.append(UInt8(ascii: ":")); padded(rest % 60, 2); text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }

    /// Advances the change sequence for the write in progress and returns the new value.
    static func nextChangeSeq(_ db: Store.Database) throws -> Int64 {
        try db.execute(sql: "UPDATE change_counter SET seq = seq + 1 WHERE id = 1")
        return try Int64.fetchOne(db, sql: "SELECT seq FROM change_counter WHERE id = 1") ?? 0
    }
}
