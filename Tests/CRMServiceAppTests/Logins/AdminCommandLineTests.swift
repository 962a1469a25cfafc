import StoreTestSupport
import AdminHTTP
import CRMCore
import Foundation
import Store
import TestSupport
import Testing

/// `crmservice admin`, `--as` and `export audit` through the built binary (§8); without the debug binary skipped
/// locally, a failure under CI.
@Suite("§8 admin command line",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct AdminCommandLineTests {
    let directory: URL

    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("admincli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let users = try file("users.csv", "id,name,email\nanna,Anna Berg,anna@example.com\nbob,Bob Stein,bob@example.com\n")
        #expect(try run(["import", "users", users]).status == 0)
    }

    var db: String { directory.appendingPathComponent("cli.sqlite").path }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let ran = try Spawn.run([CommandLine.binary] + arguments + ["--db", db])
        return (ran.status, ran.out, ran.err)
    }

    func file(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func audit() throws -> [[String: Any]] {
        try run(["export", "audit"]).out.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    @Test("§8 admin passwd: fewer than 12 characters is exit 2 and nothing stored; a good one is stored as bcrypt")
    func passwd() throws {
        let short = try file("short", "eleven char\n")
        let tooShort = try run(["admin", "passwd", "anna", "--password-file", short])
        #expect(tooShort.status == 2)
        #expect(tooShort.err.contains("at least 12"))
        let long = try file("long", String(repeating: "x", count: 73) + "\n")
        let tooLong = try run(["admin", "passwd", "anna", "--password-file", long])
        #expect(tooLong.status == 2 && tooLong.err.contains("at most 72"))
        let open = try file("open", "twelve chars!\n", mode: 0o644)
        #expect(try run(["admin", "passwd", "anna", "--password-file", open]).status == 2)
        #expect(try TestStore.open(path: db).passwordHash(of: UserID("anna")) == nil)

        let good = try file("good", "twelve chars\n")
        #expect(try run(["admin", "passwd", "anna", "--password-file", good]).status == 0)
        let hash = try #require(try TestStore.open(path: db).passwordHash(of: UserID("anna")))
        #expect(hash.hasPrefix("$2b$12$"))
        // The trailing line break is not part of the password.
        #expect(BcryptPasswordHashing().verify("twelve chars", against: hash))
        #expect(try run(["admin", "passwd", "carl", "--password-file", good]).err.contains("no user carl"))
    }

    @Test("§8 admin grant, revoke and users: rights, password state and the lock, one line a user")
    func grantRevokeUsers() throws {
        let granted = try run(["admin", "grant", "anna", "review", "scheduler", "rating-run"])
        #expect(granted.status == 0)
        #expect(granted.out == "anna: review,rating-run,scheduler\n")
        #expect(try run(["admin", "revoke", "anna", "scheduler"]).out == "anna: review,rating-run\n")
        let store = try TestStore.open(path: db)
        try store.setPasswordHash(try BcryptPasswordHashing(cost: 4).hash("twelve chars"), of: UserID("bob"),
                                  actor: "test", at: Date())
        let now = Date()
        for second in 0..<5 {
            try store.recordLoginAttempt(UserID("bob"), succeeded: false, origin: "console",
                                         at: now.addingTimeInterval(Double(second - 5)))
        }
        let lines = try run(["admin", "users"]).out.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.count == 2)
        #expect(lines[0] == ["anna", "Anna Berg", "review,rating-run", "no-password", "-"])
        #expect(Array(lines[1].prefix(4)) == ["bob", "Bob Stein", "-", "password"])
        #expect(lines[1].last?.hasPrefix("locked-until 20") == true)
    }

    @Test("§8 an unknown user or right is exit 2 naming it, and nothing is written")
    func unknownNames() throws {
        let before = try audit().count
        let right = try run(["admin", "grant", "anna", "review", "superuser"])
        #expect(right.status == 2 && right.err.contains("no right superuser"))
        let user = try run(["admin", "revoke", "carl", "review"])
        #expect(user.status == 2 && user.err.contains("no user carl"))
        #expect(try TestStore.open(path: db).login(UserID("anna"))?.rights == [])
        #expect(try audit().count == before)
    }

    @Test("§8 --as a user without the right is exit 2 and nothing changes; with it, the audit names the actor")
    func actingAs() throws {
        #expect(try run(["admin", "grant", "anna", "scheduler", "import"]).status == 0)
        let before = try audit().count
        let refused = try run(["jobs", "standby", "--as", "bob"])
        #expect(refused.status == 2 && refused.err.contains("bob lacks the right scheduler"))
        #expect(try TestStore.open(path: db).schedulerMode() == .running)
        let users = try file("more.csv", "id,name,email\ncarl,Carl,carl@example.com\n")
        #expect(try run(["import", "users", users, "--as", "bob"]).status == 2)
        #expect(try TestStore.open(path: db).login(UserID("carl")) == nil)
        #expect(try run(["admin", "grant", "bob", "admin", "--as", "bob"]).status == 2)
        let password = try file("pw", "twelve chars\n")
        #expect(try run(["admin", "passwd", "anna", "--password-file", password, "--as", "bob"]).status == 2)
        #expect(try TestStore.open(path: db).login(UserID("bob"))?.rights == [])
        #expect(try audit().count == before)

        // A user may set its own password; anna holds scheduler and import.
        #expect(try run(["admin", "passwd", "bob", "--password-file", password, "--as", "bob"]).status == 0)
        #expect(try run(["jobs", "standby", "--as", "anna"]).status == 0)
        #expect(try run(["import", "users", users, "--as", "anna"]).status == 0)
        let added = try audit().dropFirst(before)
        #expect(added.map { "\($0["actor"]!) \($0["action"]!) \($0["target"]!)" } ==
                ["bob passwd user bob", "anna scheduler-mode scheduler", "anna import import users"])
    }

    @Test("§8 export audit: every CLI action, oldest first, with id, time, actor, origin cli and the ids acted on")
    func exportAudit() throws {
        #expect(try run(["admin", "grant", "anna", "review", "--as", "root-script"]).status == 0)
        #expect(try run(["admin", "revoke", "anna", "review"]).status == 0)
        let entries = try audit()
        #expect(entries.map { Array($0.keys).sorted() }.allSatisfy {
            $0 == ["action", "actor", "at", "detail", "id", "origin", "target"] })
        #expect(entries.map { $0["id"] as? Int } == Array(1...entries.count))
        #expect(entries.allSatisfy { $0["origin"] as? String == "cli" })
        let last = entries.suffix(2)
        #expect(last.map { $0["action"] as? String } == ["grant", "revoke"])
        #expect(last.first?["actor"] as? String == "root-script")
        #expect(last.allSatisfy { $0["target"] as? String == "user anna" })
        #expect(last.last?["detail"] as? String == "rights review; now none")
        let csv = try run(["export", "audit", "--format", "csv"]).out.split(separator: "\r\n")
        #expect(csv.first == "id,at,actor,origin,action,target,detail")
        #expect(csv.count == entries.count + 1)
    }

    @Test("§8 unmatched dismiss and rating run --as a user without review or rating-run: exit 2, nothing changed")
    func actingOnTheQueueAndRating() throws {
        let message = try file("m.eml", """
            From: Stranger <stranger@elsewhere.example>\r
            To: Anna Berg <anna@example.com>\r
            Subject: hello\r
            Message-ID: <as-test-1@elsewhere.example>\r
            Date: Tue, 1 Dec 2026 10:00:00 +0000\r
            \r
            Who are you?\r

            """)
        #expect(try run(["replay", message]).status == 0)
        #expect(try run(["admin", "grant", "anna", "review"]).status == 0)
        let before = try audit().count
        let refused = try run(["unmatched", "dismiss", "1", "--why", "spam", "--as", "bob"])
        #expect(refused.status == 2 && refused.err.contains("bob lacks the right review"))
        #expect(try run(["unmatched", "list"]).out.hasPrefix("1\topen"))
        #expect(try run(["rating", "run", "--as", "anna"]).status == 2)
        // Only the set-up's imports (runs of the job `import`, §7) are in the run log: no rating run.
        #expect(try TestStore.open(path: db).jobRuns().allSatisfy { $0.job == "import" })
        #expect(try audit().count == before)
        #expect(try run(["unmatched", "dismiss", "1", "--why", "spam", "--as", "anna"]).status == 0)
        let last = try #require(try audit().last)
        #expect(last["actor"] as? String == "anna" && last["target"] as? String == "unmatched 1")
        #expect(last["origin"] as? String == "cli" && last["action"] as? String == "dismiss")
    }
}
