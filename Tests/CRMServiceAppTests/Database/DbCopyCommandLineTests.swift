import CRMServiceApp
import Foundation
import Testing
import TestSupport

/// `crmservice db copy` (issue 14: "moves an installation over, verified by comparing every export before and
/// after"), through the built binary on real SQLite files.
@Suite("issue 14 db copy", .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct DbCopyCommandLineTests {
    let w: DbCopyWorld
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        w = try DbCopyWorld()
    }

    /// Every export KIND in every format, as `db copy` compares them.
    static let exportCount = ExportKind.allCases.count * ExportFormat.allCases.count

    @Test("issue 14 a populated installation copied to a new database: every export equal, exit 0")
    func populatedCopy() throws {
        let source = w.path("crm.sqlite")
        try w.populate(source)
        let target = w.path("copy.sqlite")
        let copied = try w.run(["db", "copy", "--from", "sqlite:" + source, "--to", "sqlite:" + target])
        #expect(copied.status == 0, "\(copied.err)")
        let results = copied.out.split(separator: "\n").filter { $0.hasSuffix("equal") || $0.contains("DIFFERENT") }
        #expect(results.count == Self.exportCount && results.allSatisfy { $0.hasSuffix("equal") }, "\(copied.out)")
        #expect(copied.out.contains("every export is equal"))
        // Independently of the command's own check: the exports of both files, as an administrator runs them.
        for kind in ["activities", "unmatched", "accounts", "contracts", "appointments", "archives", "audit", "job-runs"] {
            let before = try w.run(["export", kind, "--db", source])
            let after = try w.run(["export", kind, "--db", target])
            #expect(before.status == 0 && !before.out.isEmpty && before.out == after.out, "\(kind)")
        }
        // The console login and the archive's compressed data came along: U1's password opens the target's archive,
        // and the ZIP holds as much as the source's (`export archives` compared its SHA-256 already).
        let password = w.path("console-password")
        for (db, zip) in [(source, "a.zip"), (target, "b.zip")] {
            let download = try w.run(["archive", "download", "1", "--out", w.path(zip), "--as", "U1", "--password-file", password,
                                      "--db", db])
            #expect(download.status == 0, "\(download.err)")
        }
        let sizes = try ["a.zip", "b.zip"].map { try FileManager.default.attributesOfItem(atPath: w.path($0))[.size] as? Int }
        #expect(sizes[0] != nil && sizes[0] == sizes[1])
        // The copy is a working installation: the next id of an AUTOINCREMENT table continues after the copied ones.
        try w.must(["unmatched", "dismiss", "2", "--why", "later", "--db", source])
        try w.must(["unmatched", "dismiss", "2", "--why", "later", "--db", target])
        let ids = try [source, target].map { db in
            try w.run(["export", "audit", "--db", db]).out.split(separator: "\n").last.map(String.init)?
                .split(separator: ",").first.map(String.init)
        }
        #expect(ids[0] != nil && ids[0] == ids[1])
    }

    @Test("issue 14 a target that holds data is refused (exit 2 naming --to) and nothing is written to it")
    func nonEmptyTargetRefused() throws {
        let source = w.path("crm.sqlite")
        try w.populate(source)
        let target = w.path("used.sqlite")
        try w.must(["import", "accounts", try w.file("one.csv", "id,name,type,status,parent_id,currency\nQ1,Q,Customer,Active,,EUR\n"),
                    "--db", target])
        let before = try ExportKind.allCases.map { try w.run(["export", $0.rawValue, "--db", target]).out }
        let refused = try w.run(["db", "copy", "--from", "sqlite:" + source, "--to", "sqlite:" + target])
        #expect(refused.status == 2)
        #expect(refused.err.contains("--to: ") && refused.err.contains("accounts: 1 rows") && refused.err.contains("wrote nothing"),
                "\(refused.err)")
        let after = try ExportKind.allCases.map { try w.run(["export", $0.rawValue, "--db", target]).out }
        #expect(before == after)
    }

    @Test("issue 14 a copy that came out different fails the check: exit 1, the differing export named")
    func corruptedTargetFails() throws {
        try Prerequisite.require(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "the sqlite3 CLI")
        let source = w.path("crm.sqlite")
        try w.populate(source)
        // An empty, migrated target whose accounts table corrupts one row as it is written.
        let target = w.path("bad.sqlite")
        try w.must(["db", "status", "--db", target])
        let trigger = """
            CREATE TRIGGER corrupt AFTER INSERT ON accounts WHEN NEW.id = 'A2'
            BEGIN UPDATE accounts SET status = 'Inactive' WHERE id = NEW.id; END;
            """
        let sql = try Spawn.run(["/usr/bin/sqlite3", target, trigger])
        #expect(sql.status == 0, "\(sql.err)")
        let copied = try w.run(["db", "copy", "--from", "sqlite:" + source, "--to", "sqlite:" + target])
        #expect(copied.status == 1)
        #expect(copied.err.contains("verification failed") && copied.err.contains("accounts (jsonl)"), "\(copied.err)")
        let accounts = copied.out.split(separator: "\n").filter { $0.hasPrefix("accounts ") }
        // A2 is the second account: line 2 of the JSON Lines, line 3 of the CSV (after its header).
        #expect(accounts.count == 2, "\(copied.out)")
        #expect(accounts.first?.contains("jsonl") == true && accounts.first?.hasSuffix("DIFFERENT (first at line 2)") == true)
        #expect(accounts.last?.contains("csv") == true && accounts.last?.hasSuffix("DIFFERENT (first at line 3)") == true)
        #expect(copied.out.split(separator: "\n").filter { $0.contains("DIFFERENT") }.count == 2)
        // db compare, the check alone, agrees.
        let compared = try w.run(["db", "compare", "--from", "sqlite:" + source, "--to", "sqlite:" + target])
        #expect(compared.status == 1 && compared.out.contains("DIFFERENT"))
    }

    @Test("issue 14 a bad --from or --to: exit 2 naming it, no target made",
          arguments: [
            (["--from", "crm.sqlite", "--to", "sqlite:t.sqlite"], "--from: "),
            (["--from", "sqlite:missing.sqlite", "--to", "sqlite:t.sqlite"], "--from: there is no database"),
            (["--from", "sqlite:", "--to", "sqlite:t.sqlite"], "--from: "),
            (["--from", "sqlite:crm.sqlite", "--to", "mysql://crm@db.example/crm"], "--to: "),
            (["--from", "sqlite:crm.sqlite", "--to", "postgres://crm@db.example/crm?sslmode=sometimes"], "--to: "),
            (["--from", "sqlite:crm.sqlite", "--to", "postgres://crm@db.example/crm", "--to-password-file", "nope"],
             "--to-password-file: cannot read"),
            (["--from", "sqlite:crm.sqlite", "--to", "postgres://crm@db.example/crm", "--to-password-file", "open-password"],
             "--to-password-file: secret file"),
            (["--from", "sqlite:crm.sqlite", "--to", "sqlite:./crm.sqlite"], "--to: the target is the source"),
          ])
    func badLocation(arguments: [String], message: String) throws {
        try w.must(["db", "status", "--db", w.path("crm.sqlite")])
        try w.file("open-password", "hunter2-secret\n", mode: 0o644)
        let absolute = arguments.map { argument in
            argument.replacingOccurrences(of: "sqlite:./", with: "sqlite:" + w.directory.path + "/./")
                .replacingOccurrences(of: "sqlite:crm", with: "sqlite:" + w.path("crm"))
                .replacingOccurrences(of: "sqlite:t.", with: "sqlite:" + w.path("t."))
                .replacingOccurrences(of: "sqlite:missing", with: "sqlite:" + w.path("missing"))
                .replacingOccurrences(of: "open-password", with: w.path("open-password"))
        }
        let ran = try w.run(["db", "copy"] + absolute)
        #expect(ran.status == 2)
        #expect(ran.err.contains(message), "\(ran.err)")
        #expect(!ran.err.contains("hunter2-secret") && !ran.out.contains("hunter2-secret"))
        #expect(!FileManager.default.fileExists(atPath: w.path("t.sqlite")))
    }
}
