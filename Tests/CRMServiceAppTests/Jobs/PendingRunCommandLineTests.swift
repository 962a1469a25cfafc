import Foundation
import Testing
import TestSupport

/// `jobs run NAME --at`, `jobs cancel ID`, `jobs list --state` and `run --once` (§1, §7) through the built binary, on a
/// real SQLite file; without the debug binary skipped locally, a failure under CI.
@Suite("§7 pending runs on the command line",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct PendingRunCommandLineTests {
    let directory: URL
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pendingcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    var db: String { directory.appendingPathComponent("pending.sqlite").path }

    func run(_ arguments: [String], database: [String]? = nil) throws -> (status: Int32, out: String, err: String) {
        let ran = try Spawn.run([CommandLine.binary] + arguments + (database ?? ["--db", db]))
        return (ran.status, ran.out, ran.err)
    }

    /// A configuration for `run --once` over the same database (the admin console's password file is required).
    func configuration() throws -> String {
        let password = directory.appendingPathComponent("admin.password")
        try "s3cret-admin\n".write(to: password, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password.path)
        let config = directory.appendingPathComponent("crmservice.yaml")
        try "database:\n  path: pending.sqlite\nadmin:\n  port: \(try FreePort.find())\n  password_file: admin.password\n"
            .write(to: config, atomically: true, encoding: .utf8)
        return config.path
    }

    @Test("§7 jobs run NAME --at is pending, listed with its id and time, filtered by --state, removed by jobs cancel ID")
    func pendingListedAndCancelled() throws {
        let scheduled = try run(["jobs", "run", "rating", "--at", "2030-01-01T01:00:00+01:00", "--as", "anna"])
        #expect(scheduled.status == 0, "\(scheduled.err)")
        #expect(scheduled.out == "pending run 1: rating at 2030-01-01T00:00:00Z\n")
        let listed = try run(["jobs", "list"])
        #expect(listed.out.contains("pending runs:\nPENDING  JOB     AT                    REQUESTED BY\n1        rating  2030-01-01T00:00:00Z  anna\n"))
        #expect(try run(["jobs", "list", "--state", "pending"]).out.contains("1        rating  2030-01-01T00:00:00Z"))
        #expect(try run(["jobs", "list", "--state", "running"]).out == "no running runs\n")
        #expect(try run(["jobs", "run", "log-truncate"]).status == 0)
        let completed = try run(["jobs", "list", "--state", "completed"])
        #expect(completed.out.contains("log-truncate  completed") && !completed.out.contains("rating"))
        #expect(!(try run(["jobs", "list", "--state", "pending"]).out.contains("log-truncate")))
        let bad = try run(["jobs", "list", "--state", "later"])
        #expect(bad.status == 2 && bad.err.contains(#"--state: "later" is not one of pending, running, completed"#))
        let badTime = try run(["jobs", "run", "rating", "--at", "tomorrow"])
        #expect(badTime.status == 2 && badTime.err.contains(#"--at: "tomorrow" is not an ISO 8601 time"#))

        #expect(try run(["jobs", "cancel", "1", "--as", "anna"]).out == "pending run 1 cancelled: rating at 2030-01-01T00:00:00Z\n")
        #expect(try run(["jobs", "list", "--state", "pending"]).out == "no pending runs\n")
        let again = try run(["jobs", "cancel", "1"])
        #expect(again.status == 2 && again.err.contains(#"ID: "1" is no pending run"#))
        let audit = try run(["export", "audit"]).out
        #expect(audit.contains(#""action":"job-run-at","target":"pending-run 1","detail":"rating at 2030-01-01T00:00:00Z""#))
        #expect(audit.contains(#""action":"job-cancel","target":"pending-run 1""#))
    }

    @Test("§7 a pending run whose time has passed runs once under run --once: never twice, and cannot be cancelled then")
    func dueRunRunsOnceUnderRunOnce() throws {
        #expect(try run(["jobs", "run", "rating", "--at", "2020-01-01T00:00:00Z"]).status == 0)
        let config = try configuration()
        let first = try run(["run", "--config", config, "--once"], database: [])
        #expect(first.status == 0, "\(first.err)")
        let second = try run(["run", "--config", config, "--once"], database: [])
        #expect(second.status == 0, "\(second.err)")
        let runs = try run(["export", "job-runs"]).out.split(separator: "\n").filter { $0.contains(#""job":"rating""#) }
        #expect(runs.count == 1)
        let cancel = try run(["jobs", "cancel", "1"])
        #expect(cancel.status == 2 && cancel.err.contains(#"ID: "1" has started already (run "#))
    }
}
