import Foundation
import GRDB
import StorePostgres

/// One connection inside one transaction (or one autocommit session), whichever engine runs it: Store's SQL goes
/// through this type only, so that one implementation of every port serves SQLite and PostgreSQL (issue 14).
///
/// Statements use `?` placeholders; on PostgreSQL they are rewritten to `$1, $2, …` and run as named prepared
/// statements of the connection. Not `Sendable`: it lives inside one `read`/`write` closure.
final class Database {
    enum Backend {
        case sqlite(GRDB.Database)
        case postgres(PostgresConnection)
    }

    let backend: Backend
    /// Rows changed by the last `execute` on PostgreSQL (SQLite keeps its own count).
    private var postgresChanges = 0

    init(_ backend: Backend) { self.backend = backend }

    /// True on PostgreSQL: for the rare statement whose text must differ between the engines.
    var isPostgres: Bool { if case .postgres = backend { true } else { false } }

    /// Runs `sql`: one statement with `arguments`, or, without arguments, a script of several.
    func execute(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        switch backend {
        case .sqlite(let db):
            try db.execute(sql: sql, arguments: arguments.grdb)
        case .postgres(let connection):
            if arguments.values.isEmpty {
                postgresChanges = try connection.executeScript(sql)
            } else {
                postgresChanges = try connection.executePrepared(PostgresSQL.numbered(sql), arguments.postgres).affectedRows
            }
        }
    }

    /// A statement prepared once per connection and reused.
    func cachedStatement(sql: String) throws -> Statement {
        switch backend {
        case .sqlite(let db): Statement(database: self, sql: sql, sqlite: try db.cachedStatement(sql: sql))
        case .postgres: Statement(database: self, sql: sql, sqlite: nil)
        }
    }

    /// A statement for this transaction only (dynamic SQL, e.g. `IN (?, ?, …)` lists).
    func makeStatement(sql: String) throws -> Statement {
        switch backend {
        case .sqlite(let db): Statement(database: self, sql: sql, sqlite: try db.makeStatement(sql: sql))
        case .postgres: Statement(database: self, sql: sql, sqlite: nil)
        }
    }

    /// The id of the row the last INSERT created (SQLite's rowid; PostgreSQL's `lastval()` of the identity).
    var lastInsertedRowID: Int64 {
        get throws {
            switch backend {
            case .sqlite(let db): return try db.lastInsertedRowID
            case .postgres: return try Int64.fetchOne(self, sql: "SELECT lastval()") ?? 0
            }
        }
    }

    /// Rows inserted, updated or deleted by the last statement.
    var changesCount: Int {
        switch backend {
        case .sqlite(let db): db.changesCount
        case .postgres: postgresChanges
        }
    }

    func tableExists(_ name: String) throws -> Bool {
        switch backend {
        case .sqlite(let db): return try db.tableExists(name)
        case .postgres:
            return try Bool.fetchOne(self, sql: "SELECT to_regclass(?) IS NOT NULL", arguments: [name]) ?? false
        }
    }

    /// Runs a query and reads every row.
    func rows(sql: String, arguments: StatementArguments, sqlite statement: GRDB.Statement?) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(sql: sql, arguments: arguments, sqlite: statement) { rows.append($0) }
        return rows
    }

    /// A query's rows one at a time.
    func cursor(sql: String, arguments: StatementArguments, sqlite statement: GRDB.Statement?) throws -> RowCursor {
        switch backend {
        case .sqlite(let db):
            let statement = try statement ?? db.makeStatement(sql: sql)
            let columns = statement.columnNames
            let cursor = try GRDB.Row.fetchCursor(statement, arguments: arguments.grdb)
            return RowCursor {
                try cursor.next().map { Row(columns: columns, values: $0.databaseValues.map(DatabaseValue.init)) }
            }
        case .postgres:
            var rows = try self.rows(sql: sql, arguments: arguments, sqlite: nil).makeIterator()
            return RowCursor { rows.next() }
        }
    }

    /// Runs a query and hands each row to `body` (SQLite steps through the result; PostgreSQL reads it whole).
    func forEachRow(sql: String, arguments: StatementArguments, sqlite statement: GRDB.Statement?,
                    _ body: (Row) throws -> Void) throws {
        switch backend {
        case .sqlite(let db):
            let statement = try statement ?? db.makeStatement(sql: sql)
            let columns = statement.columnNames
            let cursor = try GRDB.Row.fetchCursor(statement, arguments: arguments.grdb)
            while let row = try cursor.next() {
                try body(Row(columns: columns, values: row.databaseValues.map(DatabaseValue.init)))
            }
        case .postgres(let connection):
            let result = try connection.executePrepared(PostgresSQL.numbered(sql), arguments.postgres)
            postgresChanges = result.affectedRows
            for texts in result.rows {
                try body(Row(columns: result.columns, values: try PostgresSQL.values(texts, types: result.types)))
            }
        }
    }
}

extension DatabaseValue {
    init(_ value: GRDB.DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let int): self = .int64(int)
        case .double(let double): self = .double(double)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        }
    }

    /// As GRDB binds it. Through GRDB's protocol (not `data.databaseValue`, which here could pick GRDB's JSON
    /// encoding of `Encodable` values for `Data`).
    var grdb: (any GRDB.DatabaseValueConvertible)? {
        switch self {
        case .null: nil
        case .int64(let int): int as any GRDB.DatabaseValueConvertible
        case .double(let double): double as any GRDB.DatabaseValueConvertible
        case .text(let text): text as any GRDB.DatabaseValueConvertible
        case .blob(let data): data as any GRDB.DatabaseValueConvertible
        }
    }

    var postgres: PostgresValue {
        switch self {
        case .null: .null
        case .int64(let int): .int(int)
        case .double(let double): .double(double)
        case .text(let text): .text(text)
        case .blob(let data): .bytes([UInt8](data))
        }
    }
}

extension StatementArguments {
    var grdb: GRDB.StatementArguments { GRDB.StatementArguments(values.map(\.grdb)) }
    var postgres: [PostgresValue] { values.map(\.postgres) }
}
