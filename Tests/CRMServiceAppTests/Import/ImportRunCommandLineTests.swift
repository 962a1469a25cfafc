import CRMServiceApp
import Foundation
import Testing
import TestSupport

/// Every import is a run of the job `import` (§7), and its audit line (§8) commits with it; through the built binary
/// on a real SQLite file.
@Suite("§7 imports in the run log",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct ImportRunCommandLineTests {
    let directory: URL
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("importruns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    var db: String { directory.appendingPathComponent("imports.sqlite").path }

    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let ran = try Spawn.run([CommandLine.binary] + arguments + ["--db", db])
        return (ran.status, ran.out, ran.err)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The lines of `export KIND` as JSON objects.
    func objects(_ kind: String) throws -> [[String: Any]] {
        try run(["export", kind]).out.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("§7 an import appears as a run of the job import with its counts created/updated/unchanged/rejected")
    func importIsARun() throws {
        let accounts = try file("accounts.csv", "id,name,type,status,parent_id,currency\nA1,One,Customer,Active,,EUR\nA2,Two,Customer,Active,,EUR\n")
        #expect(try run(["import", "accounts", accounts]).status == 0)
        let changed = try file("accounts2.csv", "id,name,type,status,parent_id,currency\nA1,One,Customer,Active,,EUR\nA2,Second,Customer,Active,,EUR\nA3,Three,Reseller,Active,,EUR\n")
        #expect(try run(["import", "accounts", changed, "--as", "anna"]).status == 0)
        let runs = try objects("job-runs")
        #expect(runs.count == 2)
        let last = try #require(runs.last)
        #expect(last["job"] as? String == "import" && last["state"] as? String == "completed")
        #expect(last["created"] as? Int == 1 && last["updated"] as? Int == 1 && last["unchanged"] as? Int == 1)
        #expect(last["rejected"] as? Int == 0 && last["examined"] as? Int == 3 && last["changed"] as? Int == 2)
        #expect(last["messages"] as? [String] == ["accounts from accounts2.csv"])
        let day = String((last["started_at"] as? String ?? "").prefix(10))
        #expect(try run(["jobs", "runs", "--day", day]).out.contains("import  completed"))
        let audit = try #require(try objects("audit").last)
        #expect(audit["actor"] as? String == "anna" && audit["action"] as? String == "import")
        #expect(audit["detail"] as? String == "\(changed): 3 rows: 1 inserted, 1 updated, 1 unchanged")
    }

    @Test("§7 a rejected import (exit 2) is a failed run with its rejected rows and first problems, and wrote nothing else")
    func rejectedImportIsAFailedRun() throws {
        #expect(try run(["import", "accounts", try file("accounts.csv", ImportTemplate(.accounts).text)]).status == 0)
        let contacts = try file("contacts.csv", "id,account_id,name,email\nc1,ACME,A,a@acme.example\nc2,NOPE,B,b@acme.example\nc3,ACME,C,not-an-address\n")
        let rejected = try run(["import", "contacts", contacts])
        #expect(rejected.status == 2)
        #expect(try run(["export", "contacts"]).out.split(separator: "\n").count <= 1) // the header alone, or nothing
        let runs = try objects("job-runs")
        #expect(runs.count == 2)
        let failed = try #require(runs.last)
        #expect(failed["job"] as? String == "import" && failed["state"] as? String == "failed")
        #expect(failed["rejected"] as? Int == 2 && failed["created"] as? Int == 0 && failed["changed"] as? Int == 0)
        let messages = failed["messages"] as? [String] ?? []
        #expect(messages.first == "contacts from contacts.csv" && messages.count == 3)
        #expect(messages.dropFirst().allSatisfy { $0.hasPrefix("contacts.csv line ") })
        #expect(try objects("audit").last?["detail"] as? String == "\(contacts): rejected: 2 problems, nothing written")
    }

    @Test("§8 an import and its audit line commit together: when the audit line cannot be written, nothing is imported")
    func importAndAuditCommitTogether() throws {
        #expect(try run(["jobs", "list"]).status == 0) // creates and migrates the database
        // A real SQLite fault: the audit table refuses every row (a trigger added from outside).
        let python = try Spawn.run(["/usr/bin/python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END")
            c.commit()
            """, db])
        try Prerequisite.require(python.status == 0, "Python's sqlite3 module (\(python.err))")
        let imported = try run(["import", "accounts", try file("accounts.csv", ImportTemplate(.accounts).text)])
        #expect(imported.status == 1 && imported.err.contains("audit refused"))
        #expect(try objects("accounts").isEmpty)
        #expect(try objects("job-runs").isEmpty)
    }
}
