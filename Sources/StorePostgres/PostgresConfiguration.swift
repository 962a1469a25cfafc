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
    /// `sslrootcert=PATH`: the CA certificates that `verify-ca` and `verify-full` check the server's against (nil:
    /// libpq's default, `~/.postgresql/root.crt`).
    public var rootCertificate: String?

    /// libpq's `sslmode` values; the URL may name any of them. Without one, `defaultSSLMode(host:)` applies.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public init(user: String, host: String, port: Int = 5432, database: String, sslMode: SSLMode? = nil) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode ?? Self.defaultSSLMode(host: host)
    }

    /// The sslmode of a URL that names none. Not libpq's `prefer`, which falls back to plain text without a word and
    /// accepts any certificate: an administrator who points the service at a database on another machine expects
    /// the connection encrypted and the server's certificate checked against its name (`verify-full`; the CA file
    /// is libpq's `~/.postgresql/root.crt` of the service's user, or `sslrootcert=` in the URL). On this machine
    /// (a loopback address, `localhost`, or a Unix socket directory) nothing crosses a network, and a local cluster
    /// rarely has a certificate: `prefer`.
    public static func defaultSSLMode(host: String) -> SSLMode {
        isLocal(host: host) ? .prefer : .verifyFull
    }

    /// Loopback (127.0.0.0/8, ::1), `localhost`, or a socket directory (an absolute path, as libpq takes it).
    static func isLocal(host: String) -> Bool {
        let name = host.lowercased()
        if name.hasPrefix("/") || name == "localhost" || name.hasSuffix(".localhost") || name == "::1" || name == "[::1]" {
            return true
        }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
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
        var sslMode: SSLMode?
        var rootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                    let allowed = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw PostgresURLInvalid(url: url, reason: "sslmode must be one of \(allowed)")
                }
                sslMode = mode
            case "sslrootcert":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw PostgresURLInvalid(url: url, reason: "sslrootcert must be an absolute path (the CA certificates)")
                }
                rootCertificate = value
            default:
                throw PostgresURLInvalid(url: url, reason: "unknown parameter \(item.name) (only sslmode and sslrootcert)")
            }
        }
        self.init(user: user, host: host, port: components.port ?? 5432, database: database, sslMode: sslMode)
        self.rootCertificate = rootCertificate
    }

    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
            + (rootCertificate.map { "&sslrootcert=\($0)" } ?? "")
    }
}

/// A `database.url` that is not a usable PostgreSQL URL.
public struct PostgresURLInvalid: Error, Equatable, CustomStringConvertible {
    public var url: String
    public var reason: String
    public var description: String { "database.url \(url): \(reason)" }
}
