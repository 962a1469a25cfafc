import StorePostgres

extension DatabaseLocation {
    /// Whether `text` is a PostgreSQL URL (`postgres://` or `postgresql://`) rather than a SQLite path.
    public static func isPostgresURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Why `url` is not a usable `database.url` (nil: it is one). Never repeats a password the URL may hold.
    public static func postgresURLProblem(_ url: String) -> String? {
        do {
            _ = try PostgresConfiguration(url: url)
            return nil
        } catch {
            return "\(error.url): \(error.reason)"
        }
    }

    /// The location as shown to the administrator: the path, or the URL with the sslmode that applies spelled out.
    public var shown: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url, _, _): return (try? PostgresConfiguration(url: url))?.description ?? url
        }
    }
}

extension DatabaseLocation {
    /// `SQLite` or `PostgreSQL`, for `db status`.
    public var engineName: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }
}
