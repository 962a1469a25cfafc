import Foundation
import Store
import StorePostgres
import Synchronization

/// Opens the store a test works on: a SQLite file, or, in the PostgreSQL pass of the suite (`make test` starts one
/// throwaway cluster and sets CRM_TEST_POSTGRES_URL and CRM_TEST_POSTGRES_PASSWORD_FILE), a PostgreSQL database of
/// its own for each path, created on first use. The same test thereby runs against both engines (issue 14).
public enum TestStore {
    /// The cluster's administrative URL (`postgres://postgres@127.0.0.1:PORT/postgres`), nil in the SQLite pass.
    public static var postgresURL: String? { ProcessInfo.processInfo.environment["CRM_TEST_POSTGRES_URL"] }
    public static var postgresPasswordFile: String? {
        ProcessInfo.processInfo.environment["CRM_TEST_POSTGRES_PASSWORD_FILE"]
    }
    /// True in the PostgreSQL pass.
    public static var isPostgres: Bool { postgresURL != nil }

    /// The store for `path`: the file itself, or the PostgreSQL database named after it.
    public static func open(path: String) throws -> AppDatabase {
        try AppDatabase.open(location(path: path))
    }

    /// Where `path`'s store is (for `--db` of a child process: `location(path:).description`; in the PostgreSQL pass
    /// the child also needs `CRMSERVICE_DATABASE_PASSWORD_FILE` = `postgresPasswordFile`).
    public static func location(path: String) throws -> DatabaseLocation {
        guard let admin = postgresURL else { return .sqlite(path: path) }
        let name = databaseName(for: path)
        try createDatabase(name, admin: admin)
        var components = URLComponents(string: admin)!
        components.path = "/" + name
        return .postgres(url: components.string!, passwordFile: postgresPasswordFile, poolSize: 4)
    }

    /// A database name from the path: `t_` and 16 hex digits of its FNV-1a hash (stable across processes).
    static func databaseName(for path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "t_" + String(hash, radix: 16)
    }

    private static let created = Mutex<Set<String>>([])

    private static func createDatabase(_ name: String, admin: String) throws {
        if created.withLock({ $0.contains(name) }) { return }
        let configuration = try PostgresConfiguration(url: admin)
        let password = try postgresPasswordFile.map { try String(contentsOfFile: $0, encoding: .utf8) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let connection = try PostgresConnection.connect(configuration, password: password)
        defer { connection.close() }
        let exists = try connection.execute("SELECT 1 AS one FROM pg_database WHERE datname = $1", [.text(name)])
        if exists.isEmpty {
            // Names are ours (t_ and hex digits): safe to splice; CREATE DATABASE takes no parameters.
            do {
                try connection.execute("CREATE DATABASE \(name)")
            } catch {
                let state: String = error.sqlState
                if state != "42P04" { throw error } // 42P04: another process created it first
            }
        }
        created.withLock { _ = $0.insert(name) }
    }
}
