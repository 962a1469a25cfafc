import Foundation
import TestSupport

/// The files of a Dovecot poll test: a work directory, databases, the address book, and what `crmservice` prints.
final class PollWorld: @unchecked Sendable {
    static let repository = Dovecot.repository
    static let fixtures = repository.appendingPathComponent("Fixtures/capture").path

    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pollworld-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A database with the address book (accounts, users, contacts, orders) of `book` imported.
    func database(_ name: String, book: String = PollWorld.fixtures) throws -> String {
        let db = path("\(name).sqlite")
        for kind in ["accounts", "users", "contacts", "orders"] {
            let ran = try PollCommandLine.run(["import", kind, "\(book)/\(kind).csv", "--db", db])
            guard ran.status == 0 else { throw CommandFailed(arguments: ["import", kind], status: ran.status, err: ran.err) }
        }
        return db
    }

    /// Generates `count` bulk messages (plus the rule cases) with `scripts/gen-capture-fixtures` into `name`.
    func generate(_ name: String, count: Int) throws -> String {
        let out = path(name)
        let ran = try Spawn.run(["python3", Self.repository.appendingPathComponent("scripts/gen-capture-fixtures").path,
                                 out, "--count", "\(count)", "--seed", "5"])
        guard ran.termination == .exited(0) else {
            throw CommandFailed(arguments: ["gen-capture-fixtures"], status: -1, err: ran.err)
        }
        return out
    }

    /// `crmservice export KIND --db DB` as JSON objects.
    func export(_ kind: String, _ db: String) throws -> [[String: Any]] {
        let ran = try PollCommandLine.run(["export", kind, "--db", db])
        guard ran.status == 0 else { throw CommandFailed(arguments: ["export", kind], status: ran.status, err: ran.err) }
        return try ran.out.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// The exported records of `kind` without their database id and sources, as sorted canonical JSON lines: what
    /// capture decided, whatever the source.
    func outcomes(_ kind: String, _ db: String) throws -> [String] {
        try export(kind, db).map { object in
            var object = object
            object["id"] = nil
            object["sources"] = nil
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }

    /// Each stored record's outcome with the refs of its sources turned into numbers by `number` (UIDs), sorted: equal
    /// lists mean every message ended as the same record, reached through the same messages, each exactly once.
    func outcomesWithSources(_ db: String, number: (String) -> Int?) throws -> [String] {
        try ["activities", "unmatched"].flatMap { kind in
            try export(kind, db).map { object in
                var object = object
                let refs = (object["sources"] as? [[String: Any]] ?? []).map { "\($0["ref"]!)" }
                object["id"] = nil
                object["sources"] = refs.map { number($0).map(String.init) ?? "?\($0)" }.sorted()
                return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }
        }.sorted()
    }

    /// The checkpoint `(uidValidity, lastUID)` of `mailbox`, read with the sqlite3 CLI (read-only, beside a running poller).
    func checkpoint(_ db: String, mailbox: String) throws -> (uidValidity: UInt32, lastUID: UInt32)? {
        let ran = try Spawn.run(["/usr/bin/sqlite3", "-readonly", "-cmd", ".timeout 2000", db,
                                 "SELECT uid_validity || ' ' || last_uid FROM mailbox_checkpoints WHERE mailbox = '\(mailbox)'"])
        let parts = ran.out.split(whereSeparator: \.isWhitespace).compactMap { UInt32($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// The rows of `sql` (one column) in `db`, read with the sqlite3 CLI (read-only).
    func query(_ db: String, _ sql: String) throws -> [String] {
        let ran = try Spawn.run(["/usr/bin/sqlite3", "-readonly", "-cmd", ".timeout 2000", db, sql])
        guard ran.termination == .exited(0) else { throw CommandFailed(arguments: ["sqlite3", sql], status: ran.status, err: ran.err) }
        return ran.out.split(separator: "\n").map(String.init)
    }

    static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

    /// The `.eml` files of a directory in name order (the order `scripts/dovecot load` gives them UIDs 1, 2, …).
    static func files(in directory: String, prefix: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(prefix) }.sorted()
            .map { "\(directory)/\($0)" }
    }

    /// The count of messages in a summary line (`NAME: 12 messages: …` or `12 messages: …`).
    static func messages(in summary: String) -> Int? {
        guard let range = summary.range(of: #"\d+ messages"#, options: .regularExpression) else { return nil }
        return Int(summary[range].split(separator: " ")[0])
    }

    /// The counts of a summary line after `N messages: `.
    static func counts(in summary: String) -> String {
        guard let range = summary.range(of: "messages: ") else { return summary }
        return String(summary[range.upperBound...].prefix { $0 != "\n" && $0 != ";" })
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var err: String
        var description: String { "crmservice \(arguments.joined(separator: " ")) exited \(status): \(err)" }
    }
}
