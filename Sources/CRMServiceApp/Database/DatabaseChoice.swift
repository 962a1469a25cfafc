import Foundation
import Store

/// Which database a command opens (§1, issue 14): `--db` (a SQLite path, `sqlite:PATH`, or
/// `postgres://USER@HOST:PORT/DB?sslmode=…`), else the configuration's `database.path` or `database.url`. The
/// PostgreSQL password comes from `--db-password-file`, else the environment's `CRMSERVICE_DATABASE_PASSWORD_FILE`,
/// else `database.password_file`; it is checked here (readable, owner-only) so that a mistake is bad input naming
/// where the file came from, and it is never printed.
public enum DatabaseChoice {
    /// The environment variable naming the PostgreSQL password file for `--db postgres://…`.
    public static let passwordFileVariable = "CRMSERVICE_DATABASE_PASSWORD_FILE"

    /// The location `--db`/`--db-password-file`/the configuration name; nil when neither `--db` nor a configuration
    /// was given.
    public static func location(db: String?, passwordFile: String?, configuration: DatabaseSettings?,
                                environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(DatabaseChoiceInvalid) -> DatabaseLocation? {
        let password = self.passwordFile(flag: passwordFile, flagName: "--db-password-file",
                                             environment: environment, configuration: configuration)
        if let db {
            return try parse(db, flag: "--db", barePath: true, passwordFile: password,
                             poolSize: configuration?.poolSize ?? DatabaseSettings.defaultPoolSize)
        }
        guard let configuration else { return nil }
        guard let url = configuration.url else { return configuration.location }
        if let problem = DatabaseLocation.postgresURLProblem(url) { throw DatabaseChoiceInvalid(source: "database.url", problem: problem) }
        return .postgres(url: url, passwordFile: try checked(password), poolSize: configuration.poolSize)
    }

    /// Why `url` is no usable `database.url` (nil: it is one); for the configuration reader.
    static func urlProblem(_ url: String) -> String? { DatabaseLocation.postgresURLProblem(url) }

    /// A location argument (`--from`, `--to`, `--db`): `sqlite:PATH`, a PostgreSQL URL, or (with `barePath`) a path.
    public static func parse(_ argument: String, flag: String, barePath: Bool, passwordFile: PasswordFile?,
                             poolSize: Int) throws(DatabaseChoiceInvalid) -> DatabaseLocation {
        if DatabaseLocation.isPostgresURL(argument) {
            if let problem = DatabaseLocation.postgresURLProblem(argument) {
                throw DatabaseChoiceInvalid(source: flag, problem: problem)
            }
            return .postgres(url: argument, passwordFile: try checked(passwordFile), poolSize: poolSize)
        }
        var path = argument
        if argument.hasPrefix("sqlite:") {
            path = String(argument.dropFirst("sqlite:".count))
        } else if !barePath || argument.contains("://") {
            throw DatabaseChoiceInvalid(source: flag, problem: "\(argument) is neither sqlite:PATH nor postgres://USER@HOST:PORT/DB")
        }
        guard !path.isEmpty else { throw DatabaseChoiceInvalid(source: flag, problem: "sqlite: needs a path (sqlite:PATH)") }
        return .sqlite(path: path)
    }

    /// A PostgreSQL password file and where its name came from (a flag, the environment variable, a configuration key).
    public struct PasswordFile: Sendable, Equatable {
        public var path: String
        public var source: String

        public init(path: String, source: String) {
            self.path = path
            self.source = source
        }
    }

    /// The password file that applies: the flag, else the environment, else the configuration (nil: none).
    public static func passwordFile(flag: String?, flagName: String, environment: [String: String],
                                    configuration: DatabaseSettings?) -> PasswordFile? {
        if let flag { return PasswordFile(path: flag, source: flagName) }
        if let variable = environment[passwordFileVariable], !variable.isEmpty {
            return PasswordFile(path: variable, source: passwordFileVariable)
        }
        return configuration?.passwordFile.map { PasswordFile(path: $0, source: "database.password_file") }
    }

    /// The file's path once it proved readable by its owner only (`SecretFile`); its content is read again when
    /// connecting, and shown nowhere.
    static func checked(_ file: PasswordFile?) throws(DatabaseChoiceInvalid) -> String? {
        guard let file else { return nil }
        do { _ = try SecretFile.read(file.path) } catch { throw DatabaseChoiceInvalid(source: file.source, problem: error.description) }
        return file.path
    }
}

/// A database named wrongly: `source` is the flag, environment variable or configuration key (exit 2).
public struct DatabaseChoiceInvalid: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var problem: String
    public var description: String { "\(source): \(problem)" }
}
