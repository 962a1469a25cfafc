import GRDB

/// A statement of one `Database`: GRDB's compiled statement on SQLite, the SQL (prepared per connection by the
/// engine) on PostgreSQL.
final class Statement {
    let database: Database
    let sql: String
    let sqlite: GRDB.Statement?

    init(database: Database, sql: String, sqlite: GRDB.Statement?) {
        self.database = database
        self.sql = sql
        self.sqlite = sqlite
    }

    func execute(arguments: StatementArguments = StatementArguments()) throws {
        if let sqlite {
            try sqlite.execute(arguments: arguments.grdb)
        } else {
            try database.execute(sql: sql, arguments: arguments)
        }
    }
}
