/// Where the service's data lives: a SQLite file (the embedded default) or a PostgreSQL database shared by several
/// instances (issue 14). Only Store and StorePostgres act on the difference; everything else opens an `AppDatabase`.
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// `database.path` / `--db PATH`.
    case sqlite(path: String)
    /// `database.url` (`postgres://USER@HOST:PORT/DB?sslmode=…`, no password in it), the password read from
    /// `passwordFile` (`database.password_file`; nil: none, or libpq's own `~/.pgpass`), at most `poolSize` connections.
    case postgres(url: String, passwordFile: String?, poolSize: Int)

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url, _, _): url
        }
    }
}
