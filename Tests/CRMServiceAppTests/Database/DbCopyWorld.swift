import Foundation
import TestSupport

/// A temporary directory with a populated installation made through the built binary (the demo address book, the
/// sample mail replayed, reference data, the rating, an appointment, a console login, a review decision and an
/// archive), for `db copy`. Removed when the value goes away.
final class DbCopyWorld {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dbcopy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    @discardableResult
    func file(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Spawn.Ran {
        try Spawn.run([CommandLine.binary] + arguments,
                      environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    }

    /// Runs a command that must succeed.
    func must(_ arguments: [String]) throws {
        let ran = try run(arguments)
        guard ran.status == 0 else { throw StepFailed(arguments: arguments, status: ran.status, err: ran.err) }
    }

    /// Fills `db` with one of everything the exports show. Account B1 names its parent Z9, which comes after it in
    /// key order, so a copy in key order alone would break the foreign key.
    func populate(_ db: String) throws {
        for kind in ["accounts", "contacts", "users", "orders"] {
            try must(["import", kind, Self.fixtures + "/demo/\(kind).csv", "--db", db])
        }
        try must(["import", "accounts", try file("more-accounts.csv", """
            id,name,type,status,parent_id,currency
            B1,Branch,Customer,Active,Z9,EUR
            Z9,Holding,Customer,Active,,EUR

            """), "--db", db])
        try must(["import", "contracts", try file("contracts.csv", """
            id,account_id,item_value,service_value,currency,modified_at
            K1,A1,100.50,0,EUR,2026-01-01T00:00:00Z
            K2,B1,2000,399.50,EUR,2025-06-01

            """), "--db", db])
        try must(["import", "exchange-rates", Self.fixtures + "/csv/rating/exchange-rates.csv", "--db", db])
        try must(["import", "rating-rules", Self.fixtures + "/csv/rating/rating-rules.csv", "--db", db])
        try must(["replay", Self.fixtures + "/mail", "--db", db])
        try must(["rating", "run", "--db", db])
        try must(["appointments", "add", "--owner", "U1", "--title", "Visit Walker", "--start", "2026-03-02T09:00:00Z",
                  "--end", "2026-03-02T10:00:00Z", "--attendee", "contact@walker.example", "--db", db])
        try must(["admin", "passwd", "U1", "--password-file", try file("console-password", "a-long-password-123\n"), "--db", db])
        try must(["admin", "grant", "U1", "admin", "--db", db])
        try must(["unmatched", "dismiss", "1", "--why", "spam", "--db", db])
        // Everything before 2098 into an archive: the archive, its chunks and the archived rows are copied too.
        try must(["archive", "run", "--months", "12", "--as-of", "2099-01-01", "--db", db])
        try must(["replay", Self.fixtures + "/forward", "--db", db])
        try must(["rating", "run", "--full", "--db", db])
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Fixtures").standardizedFileURL.path
}

/// A setup step of a test failed.
struct StepFailed: Error, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var err: String
    var description: String { "\(arguments.joined(separator: " ")): exit \(status): \(err)" }
}
