import Store

/// The `database` section: a SQLite file (`path`, the default) or a PostgreSQL database (`url`), never both.
public struct DatabaseSettings: Sendable, Equatable {
    /// The default `database.path`.
    public static let defaultPath = "/var/lib/crmservice/crmservice.sqlite"
    /// The default `database.pool_size`: connections one instance opens to PostgreSQL at most.
    public static let defaultPoolSize = 8

    /// `database.path`: the SQLite database (created and migrated on first use). A relative path in the file or the
    /// environment is resolved against the configuration file's directory when the file is read.
    public var path: String
    /// `database.url`: `postgres://USER@HOST:PORT/DB?sslmode=…` (issue 14); when set, `path` is not used.
    public var url: String?
    /// `database.password_file`: the PostgreSQL password, read when connecting, never logged.
    public var passwordFile: String?
    /// `database.pool_size`.
    public var poolSize: Int

    public init(path: String = DatabaseSettings.defaultPath, url: String? = nil, passwordFile: String? = nil,
                poolSize: Int = DatabaseSettings.defaultPoolSize) {
        self.path = path
        self.url = url
        self.passwordFile = passwordFile
        self.poolSize = poolSize
    }

    /// The store these settings name.
    public var location: DatabaseLocation {
        if let url { return .postgres(url: url, passwordFile: passwordFile, poolSize: poolSize) }
        return .sqlite(path: path)
    }
}
