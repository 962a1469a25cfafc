import Foundation

/// Where a PostgreSQL database is: parsed from `postgres://USER@HOST:PORT/DB?sslmode=MODE` (`database.url`).
///
/// The password is not part of it: the caller reads it from `database.password_file` and hands it to
/// `PostgresConnection.connect`, so a configuration can be logged and shown in errors.
public struct PostgresConfiguration: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode

    /// libpq's `sslmode` values; `prefer` is libpq's default, the URL may name any of them.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public init(user: String, host: String, port: Int = 5432, database: String, sslMode: SSLMode = .prefer) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
    }

    /// Parses `postgres://` (or `postgresql://`) URLs. A password in the URL is refused: it would end in
    /// configuration files and logs; it belongs in the password file.
    public init(url: String) throws(PostgresURLInvalid) {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else { throw PostgresURLInvalid(url: url, reason: "not a postgres:// URL") }
        if components.password != nil {
            throw PostgresURLInvalid(url: "postgres://…", reason: "a password in the URL; use database.password_file")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresURLInvalid(url: url, reason: "no user (postgres://USER@HOST:PORT/DB)")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresURLInvalid(url: url, reason: "no host") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresURLInvalid(url: url, reason: "no database name (postgres://USER@HOST:PORT/DB)")
        }
        var sslMode = SSLMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                    let allowed = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw PostgresURLInvalid(url: url, reason: "sslmode must be one of \(allowed)")
                }
                sslMode = mode
            default:
                throw PostgresURLInvalid(url: url, reason: "unknown parameter \(item.name) (only sslmode)")
            }
        }
        self.init(user: user, host: host, port: components.port ?? 5432, database: database, sslMode: sslMode)
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)" }
}

/// A `database.url` that is not a usable PostgreSQL URL.
public struct PostgresURLInvalid: Error, Equatable, CustomStringConvertible {
    public var url: String
    public var reason: String
    public var description: String { "database.url \(url): \(reason)" }
}
