import Foundation
import Glibc
import Testing
import TestSupport

/// Issue 14 with real processes on one SQLite file: `crmservice run` instances (each its own `instance.name`, lease
/// 5 s), one-shot commands from a terminal, and the sqlite3 CLI to plant and read rows.
@Suite("Issue 14 jobs across instances (real processes)",
       .enabled(if: Prerequisite.met(CommandLine.isBuilt && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")),
                "needs .build/debug/crmservice and the sqlite3 CLI"))
final class InstancesCommandLineTests {
    let world: ConfigurationWorld
    var services: [pid_t] = []
    /// Each instance's admin port, by name.
    var ports: [String: Int] = [:]

    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        try Prerequisite.require(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "the sqlite3 CLI")
        world = try ConfigurationWorld()
        try world.file("admin.password", "s3cret-admin\n", mode: 0o600)
        #expect(try cli(["export", "job-runs"]).status == 0) // creates and migrates the database
    }

    deinit {
        for pid in services where Spawn.ended(pid) == nil {
            kill(pid, SIGKILL)
            _ = Spawn.wait(pid)
        }
    }

    var database: String { world.path("crm.sqlite") }

    /// A one-shot command on the database.
    func cli(_ arguments: [String]) throws -> Spawn.Ran {
        try Spawn.run([CommandLine.binary] + arguments + ["--db", database])
    }

    /// One value of a query (writes wait up to 5 s for the services' transactions).
    @discardableResult
    func sql(_ text: String) throws -> String {
        try Spawn.run(["/usr/bin/sqlite3", "-cmd", ".timeout 5000", database, text]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `crmservice run` as instance `name`; its log is `NAME.log`.
    func startInstance(_ name: String) throws -> pid_t {
        let port = try FreePort.find()
        ports[name] = port
        let config = try world.file("\(name).yaml", """
            database:
              path: crm.sqlite
            admin:
              port: \(port)
              password_file: admin.password
            instance:
              name: \(name)
              lease_seconds: 5
            """)
        let pid = try Spawn.start([CommandLine.binary, "run", "--config", config], stdout: world.path("\(name).out"),
                                  stderr: world.path("\(name).log"))
        services.append(pid)
        return pid
    }

    func log(_ name: String) -> String { (try? String(contentsOfFile: world.path("\(name).log"), encoding: .utf8)) ?? "" }

    /// Polls `condition` every 100 ms, up to `seconds`; false when it never held.
    func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    /// Waits until instance `name` has registered and its scheduler has started.
    func waitStarted(_ name: String) async throws {
        let started = try await eventually(30) {
            try sql("SELECT COUNT(*) FROM instances WHERE name = '\(name)'") == "1" && log(name).contains("scheduler started")
        }
        try #require(started, "instance \(name) did not start: \(log(name).suffix(600))")
    }

    @Test("Issue 14: a live instance's run is never failed by another's start-up; after its lease it is failed by the other")
    func runsOfLapsedInstancesOnly() async throws {
        let a = try startInstance("a")
        try await waitStarted("a")
        // A run held by a (planted: a is alive and heartbeating), and one of an instance that died a minute ago.
        // Started now, so that no job is due because of them (and log-truncate keeps them).
        let now = ISO8601DateFormatter().string(from: Date())
        let lapsed = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
        try sql("""
            INSERT INTO job_runs (job, started_at, state, instance) VALUES ('rating', '\(now)', 'running', 'a');
            INSERT INTO instances (name, started_at, seen_at, expires_at) VALUES ('ghost', '\(lapsed)', '\(lapsed)', '\(lapsed)');
            INSERT INTO job_runs (job, started_at, state, instance) VALUES ('import', '\(lapsed)', 'running', 'ghost');
            """)
        let held = try sql("SELECT id FROM job_runs WHERE instance = 'a'")
        let ghosts = try sql("SELECT id FROM job_runs WHERE instance = 'ghost'")

        _ = try startInstance("b")
        try await waitStarted("b")
        #expect(try await eventually(10) { try sql("SELECT state FROM job_runs WHERE id = \(ghosts)") == "failed" })
        #expect(try sql("SELECT state FROM job_runs WHERE id = \(held)") == "running", "b failed a live instance's run")
        #expect(try cli(["jobs", "list", "--state", "running"]).out.contains(#/rating +running .* a\n/#))
        // b's /healthz (with credentials) names it and says who runs the run.
        var health = ""
        let reported = try await eventually(10) {
            health = (try? await PlainHTTPClient.get(port: ports["b"] ?? 0, path: "/healthz", user: "admin",
                                                     password: "s3cret-admin").body) ?? ""
            return health.contains(#""running_runs":[{"instance":"a","job":"rating","run":\#(held)}]"#)
        }
        #expect(reported, "\(health)")
        #expect(health.contains(#""instance":{"instances":[{"expired":false"#) && health.contains(#""name":"b""#), "\(health)")

        // a dies without a word: once its lease (5 s) has run out, b fails its run.
        kill(a, SIGKILL)
        _ = Spawn.wait(a)
        #expect(try await eventually(20) { try sql("SELECT state FROM job_runs WHERE id = \(held)") == "failed" })
        #expect(try sql("SELECT messages FROM job_runs WHERE id = \(held)").contains("marked failed by b"))
        let listed = try cli(["jobs", "list"]).out
        #expect(listed.contains("instances:") && listed.contains("expired"), "\(listed)")
    }

    @Test("Issue 14: jobs stop from a terminal stops a run held by a crmservice run process")
    func stopReachesTheHolder() async throws {
        // log-truncate is due at start-up (its last run is of 2020) and has 300,000 old runs to delete in batches.
        try sql("""
            INSERT INTO job_runs (job, started_at, ended_at, state)
              VALUES ('log-truncate', '2020-01-01T03:30:00Z', '2020-01-01T03:30:01Z', 'completed');
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 299999)
            INSERT INTO job_runs (job, started_at, ended_at, state)
            SELECT 'mail-poll', '2020-02-01T00:00:00Z', '2020-02-01T00:00:01Z', 'completed' FROM n;
            """)
        _ = try startInstance("a")
        let newest = "SELECT id || ' ' || state || ' ' || COALESCE(instance, '-') FROM job_runs WHERE job = 'log-truncate' ORDER BY id DESC LIMIT 1"
        var row = ""
        let running = try await eventually(30) {
            row = try sql(newest)
            return row.hasSuffix(" running a")
        }
        try #require(running, "log-truncate never ran in a: \(row) \(log("a").suffix(600))")
        let id = String(row.prefix { $0 != " " })
        let stop = try cli(["jobs", "stop", id])
        #expect(stop.status == 0, "\(stop.err)")
        let stopped = try await eventually(20) { try sql(newest) == "\(id) stopped a" }
        let final = try sql(newest)
        #expect(stopped, "\(final)")
        let left = Int(try sql("SELECT COUNT(*) FROM job_runs WHERE job = 'mail-poll'")) ?? 0
        #expect(left > 0, "the run was not stopped before its end")
    }

    @Test("Issue 14: standby set from a terminal is obeyed by a running instance within seconds, resume too")
    func standbyReachesTheInstance() async throws {
        _ = try startInstance("a")
        try await waitStarted("a")
        #expect(try cli(["jobs", "standby"]).status == 0)
        // The instance reads the mode again every 3 s.
        #expect(try await eventually(10) { log("a").contains("scheduler.mode=standby") }, "\(log("a").suffix(600))")
        // A one-off run due now stays pending in standby.
        #expect(try cli(["jobs", "run", "log-truncate", "--at", "2020-01-01T00:00:00Z"]).status == 0)
        try await Task.sleep(for: .seconds(4))
        #expect(try sql("SELECT COUNT(*) FROM pending_runs") == "1")
        #expect(try sql("SELECT COUNT(*) FROM job_runs WHERE job = 'log-truncate'") == "0")
        #expect(try cli(["jobs", "resume"]).status == 0)
        #expect(try await eventually(10) {
            try sql("SELECT state || ' ' || instance FROM job_runs WHERE job = 'log-truncate'") == "completed a"
        }, "\(log("a").suffix(600))")
        #expect(try sql("SELECT COUNT(*) FROM pending_runs") == "0")
    }
}
