import Foundation
import StorePostgres

extension AppDatabase {
    /// Opens the store at `location` (created and migrated on first use; a database a newer release migrated is
    /// refused on either engine).
    public static func open(_ location: DatabaseLocation) throws -> AppDatabase {
        switch location {
        case .sqlite(let path):
            return try open(path: path)
        case .postgres(let url, let passwordFile, let poolSize):
            let configuration = try PostgresConfiguration(url: url)
            let password = try passwordFile.map(readPasswordFile)
            let pool = PostgresConnectionPool(configuration: configuration, password: password, size: poolSize)
            try pool.withConnection { connection in
                do { try postgresMigrator.migrate(connection) } catch let error as PostgresDatabaseFromNewerRelease {
                    throw DatabaseFromNewerRelease(path: configuration.description,
                                                   unknownMigrations: error.unknownMigrations)
                }
            }
            return AppDatabase(engine: DatabaseEngine(kind: .postgres(pool)))
        }
    }

    init(engine: DatabaseEngine) { self.writer = engine }

    /// The password: the file's first line (a trailing newline is the editor's, not the password's).
    static func readPasswordFile(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DatabasePasswordFileUnreadable(path: path)
        }
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}

/// `database.password_file` cannot be read (missing, not readable by the service's user, not UTF-8).
public struct DatabasePasswordFileUnreadable: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "database.password_file \(path) cannot be read" }
}
