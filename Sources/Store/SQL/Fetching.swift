/// GRDB's fetching vocabulary over Store's `Database`: `Row.fetchAll(db, sql:arguments:)`,
/// `Int64.fetchOne(statement, arguments:)`, … (the shape the Store's code was written in).
extension Row {
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try db.rows(sql: sql, arguments: arguments, sqlite: nil)
    }

    static func fetchAll(_ statement: Statement, arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try statement.database.rows(sql: statement.sql, arguments: arguments, sqlite: statement.sqlite)
    }

    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchAll(db, sql: sql, arguments: arguments).first
    }

    static func fetchOne(_ statement: Statement, arguments: StatementArguments = StatementArguments()) throws -> Row? {
        try fetchAll(statement, arguments: arguments).first
    }

    /// Rows one at a time: SQLite steps through the result as it is read (exports of millions of rows stay
    /// small); PostgreSQL reads the result whole.
    static func fetchCursor(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws
        -> RowCursor {
        try db.cursor(sql: sql, arguments: arguments, sqlite: nil)
    }

    static func fetchCursor(_ statement: Statement, arguments: StatementArguments = StatementArguments()) throws
        -> RowCursor {
        try statement.database.cursor(sql: statement.sql, arguments: arguments, sqlite: statement.sqlite)
    }
}

/// Rows handed out one by one (`while let row = try cursor.next()`).
final class RowCursor {
    private let step: () throws -> Row?

    init(_ step: @escaping () throws -> Row?) { self.step = step }

    func next() throws -> Row? { try step() }

    func forEach(_ body: (Row) throws -> Void) throws {
        while let row = try next() { try body(row) }
    }
}

extension DatabaseValueConvertible {
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { fromDatabaseValue($0.values[0]) }
    }

    static func fetchAll(_ statement: Statement, arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try Row.fetchAll(statement, arguments: arguments).compactMap { fromDatabaseValue($0.values[0]) }
    }

    static func fetchOne(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try Row.fetchOne(db, sql: sql, arguments: arguments).flatMap { fromDatabaseValue($0.values[0]) }
    }

    static func fetchOne(_ statement: Statement, arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try Row.fetchOne(statement, arguments: arguments).flatMap { fromDatabaseValue($0.values[0]) }
    }
}
