import Foundation
import StorePostgres

extension AppDatabase {
    /// Copies every row of this store into `target` (`crmservice db copy`): every table of the migrated schema,
    /// parents before the tables that refer to them, columns by name (with SQLite's rowid into PostgreSQL's `rowid`
    /// column where a table has no INTEGER PRIMARY KEY), then the id counters set past the copied ids.
    ///
    /// All of it is ONE transaction on the target, read from ONE snapshot of the source: a failure (or a kill) leaves
    /// the target as it was, empty, and the copy is simply run again. A target holding anything beyond what the
    /// migrations themselves insert is refused (`DatabaseCopyTargetNotEmpty`) before a row is written.
    public func copyAll(to target: AppDatabase) throws -> DatabaseCopyReport {
        let seeds = try Self.migrationSeeds()
        return try target.writer.write { into in
            try writer.read { from in
                let tables = try Self.copiedTables(from: from, into: into)
                try Self.refuseUnlessEmpty(into, tables: tables, seeds: seeds, target: target.writer.path)
                // Tables the migrations fill (singleton counters) are written last, over their seed rows: the
                // triggers that count changes of the address book fire while the other tables are copied, and the
                // source's values must win.
                let ordered = tables.filter { seeds[$0.name] == nil } + tables.filter { seeds[$0.name] != nil }
                var report = DatabaseCopyReport(tables: [])
                for table in ordered {
                    if seeds[table.name] != nil { try into.execute(sql: "DELETE FROM \(CopiedTable.quoted(table.name))") }
                    report.tables.append(TableRows(table: table.name, rows: try Self.copyRows(of: table, from: from, into: into)))
                }
                try Self.resetCounters(from: from, into: into)
                return report
            }
        }
    }

    /// The tables of the source, in dependency order, after checking that the target has the same ones.
    private static func copiedTables(from: Database, into: Database) throws -> [CopiedTable] {
        let source = try CopiedTable.read(from)
        let target = try CopiedTable.read(into)
        let targetColumns = Dictionary(target.map { ($0.name, Set($0.columns)) }, uniquingKeysWith: { first, _ in first })
        for table in source {
            guard let columns = targetColumns[table.name] else {
                throw DatabaseCopySchemaMismatch(reason: "the target has no table \(table.name)")
            }
            if columns != Set(table.columns) {
                let differing = columns.symmetricDifference(table.columns).sorted().joined(separator: ", ")
                throw DatabaseCopySchemaMismatch(reason: "table \(table.name) differs in the columns \(differing)")
            }
        }
        if let extra = Set(targetColumns.keys).subtracting(source.map(\.name)).sorted().first {
            throw DatabaseCopySchemaMismatch(reason: "the source has no table \(extra)")
        }
        return try CopiedTable.dependencyOrder(source)
    }

    /// Refuses a target with a row in any table, except the rows the migrations insert themselves.
    private static func refuseUnlessEmpty(_ db: Database, tables: [CopiedTable], seeds: [String: [[DatabaseValue]]],
                                          target: String) throws {
        var holding: [TableRows] = []
        for table in tables {
            let name = CopiedTable.quoted(table.name)
            if let seed = seeds[table.name] {
                let rows = try seedRows(db, table)
                if rows != seed { holding.append(TableRows(table: table.name, rows: rows.count)) }
            } else if let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(name)"), count > 0 {
                holding.append(TableRows(table: table.name, rows: count))
            }
        }
        if !holding.isEmpty { throw DatabaseCopyTargetNotEmpty(target: target, tables: holding) }
    }

    /// The rows the migrations alone leave in a new database, by table (from a migrated SQLite file made for the
    /// purpose and removed: the PostgreSQL migrations insert the same rows).
    private static func migrationSeeds() throws -> [String: [[DatabaseValue]]] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crmservice-seeds-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let fresh = try AppDatabase.open(path: path)
        return try fresh.writer.read { db in
            var seeds: [String: [[DatabaseValue]]] = [:]
            for table in try CopiedTable.read(db) {
                let rows = try seedRows(db, table)
                if !rows.isEmpty { seeds[table.name] = rows }
            }
            return seeds
        }
    }

    /// A table's stored columns without `rowid`, in key order: how seed rows are compared across engines.
    private static func seedRows(_ db: Database, _ table: CopiedTable) throws -> [[DatabaseValue]] {
        let columns = table.columns.filter { $0 != "rowid" }.sorted()
        guard !columns.isEmpty else { return [] }
        let sql = "SELECT " + columns.map(CopiedTable.quoted).joined(separator: ", ") + " FROM " + CopiedTable.quoted(table.name)
            + " ORDER BY " + columns.map(CopiedTable.quoted).joined(separator: ", ")
        return try Row.fetchAll(db, sql: sql).map(\.values)
    }

    /// Copies one table's rows, streamed (attachments and archives can be large), in key order; a table that refers
    /// to itself is read whole and written parents first, as its foreign key is checked row by row.
    private static func copyRows(of table: CopiedTable, from: Database, into: Database) throws -> Int {
        let columns = table.columns.map(CopiedTable.quoted).joined(separator: ", ")
        let name = CopiedTable.quoted(table.name)
        let select = "SELECT \(columns) FROM \(name) ORDER BY " + table.orderColumns.map(CopiedTable.quoted).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        let insert = try into.cachedStatement(sql: "INSERT INTO \(name) (\(columns)) VALUES (\(placeholders))")
        var copied = 0
        if table.selfReferences.isEmpty {
            let rows = try Row.fetchCursor(from, sql: select)
            while let row = try rows.next() {
                try insert.execute(arguments: arguments(row))
                copied += 1
            }
        } else {
            for row in parentsFirst(try Row.fetchAll(from, sql: select), table.selfReferences) {
                try insert.execute(arguments: arguments(row))
                copied += 1
            }
        }
        return copied
    }

    /// `rows` reordered so that a row comes after the row its self-reference names (rows in a cycle, which the
    /// foreign key cannot hold anyway, keep their order at the end).
    static func parentsFirst(_ rows: [Row], _ references: [CopiedTable.SelfReference]) -> [Row] {
        let present: [Set<DatabaseValue>] = references.map { reference in Set(rows.map { $0[reference.parentColumn] as DatabaseValue }) }
        var written: [Set<DatabaseValue>] = references.map { _ in [] }
        var pending = rows
        var ordered: [Row] = []
        ordered.reserveCapacity(rows.count)
        while !pending.isEmpty {
            var waiting: [Row] = []
            for row in pending {
                let ready = references.indices.allSatisfy { index in
                    let value: DatabaseValue = row[references[index].column]
                    return value.isNull || written[index].contains(value) || !present[index].contains(value)
                }
                if ready {
                    ordered.append(row)
                    for index in references.indices { written[index].insert(row[references[index].parentColumn]) }
                } else {
                    waiting.append(row)
                }
            }
            if waiting.count == pending.count { return ordered + waiting }
            pending = waiting
        }
        return ordered
    }

    private static func arguments(_ row: Row) -> StatementArguments {
        var arguments = StatementArguments()
        arguments.values = row.values
        return arguments
    }

    /// The id counters: on PostgreSQL every identity sequence moves past the copied ids; on SQLite the
    /// AUTOINCREMENT counters take the source's (an id the source used and deleted is not handed out again).
    private static func resetCounters(from: Database, into: Database) throws {
        if case .postgres(let connection) = into.backend {
            try postgresResetIdentities(connection)
            return
        }
        guard !from.isPostgres else { return }
        for row in try Row.fetchAll(from, sql: "SELECT name, seq FROM sqlite_sequence") {
            let name: String = row["name"]
            let seq: Int64 = row["seq"]
            try into.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?", arguments: [seq, name, seq])
            if try Int.fetchOne(into, sql: "SELECT count(*) FROM sqlite_sequence WHERE name = ?", arguments: [name]) == 0 {
                try into.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [name, seq])
            }
        }
    }
}
