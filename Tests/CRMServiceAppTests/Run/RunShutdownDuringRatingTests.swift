import CRMCore
import Foundation
import Glibc
import Testing
import TestSupport

/// The sqlite3 command-line shell that loads the data and reads the run log.
private let sqlite3Path = "/usr/bin/sqlite3"

/// Issue 9, item 5 (blocking work on the cooperative pool), with the real binary: `crmservice run` starts the daily
/// rating over 1,000,000 contracts (a run missed while the service was down runs at start-up, and so does
/// `log-truncate`, which writes while the rating works); `/healthz` answers throughout, and SIGTERM in the middle of the
/// run ends the process with status 0, leaving no partial ratings.
///
/// The data is `Benchmarks/rating/generate.sql` (100,000 accounts, 1,000,000 contracts), loaded with the sqlite3 CLI
/// in 5–10 s; the debug binary needs about 10 s for the run, which leaves the probes 3 s of it. The whole test takes
/// 10–20 s on the shared 2-core machine.
@Suite(
    "§7 run: SIGTERM during a rating run of 1,000,000 contracts",
    .enabled(if: Prerequisite.met(FileManager.default.isExecutableFile(atPath: CommandLine.binary)
                                  && FileManager.default.isExecutableFile(atPath: sqlite3Path)),
             "needs the debug build of crmservice and the sqlite3 CLI"))
struct RunShutdownDuringRatingTests {
    let world: ConfigurationWorld
    init() throws { world = try ConfigurationWorld() }

    /// `/healthz` must answer within this during the run (the contract issue's bound).
    static let healthBound: Duration = .milliseconds(100)
    /// SIGTERM must end the process within this.
    static let exitBound: Duration = .seconds(10)
    /// How long `/healthz` is probed while the run is in progress.
    static let probing: Duration = .seconds(3)

    @Test("§7 SIGTERM during the rating run: exit 0 within 10 s, /healthz within 100 ms throughout, no partial ratings")
    func sigtermDuringRating() async throws {
        try Prerequisite.require(FileManager.default.isExecutableFile(atPath: CommandLine.binary), CommandLine.binary)
        try Prerequisite.require(SQLiteCLI.isAvailable, "the sqlite3 CLI (\(SQLiteCLI.path))")
        let database = world.path("run.sqlite")
        let port = try FreePort.find()
        try world.file("admin.password", "s3cret-admin\n", mode: 0o600)
        let config = try world.file("crmservice.yaml", """
            database:
              path: run.sqlite
            admin:
              port: \(port)
              password_file: admin.password
            """)

        // The schema comes from crmservice itself, the data from the benchmark's generator; a rating and a
        // log-truncate run of 2020 make both daily jobs due at start-up, and 100,000 mail-poll runs of 2020 give
        // log-truncate 200 batches to delete while the rating works (two jobs writing at once: on the cooperative
        // pool, the one waiting for SQLite's lock and the one holding it would take both of its threads).
        #expect(try await Subprocess.run(CommandLine.binary, ["export", "job-runs", "--db", database]).status == 0)
        let generate = try String(contentsOfFile: Self.generator, encoding: .utf8)
        let seed = """
            INSERT INTO job_runs (job, started_at, ended_at, state) VALUES
              ('rating', '2020-01-01T02:00:00Z', '2020-01-01T02:01:00Z', 'completed'),
              ('log-truncate', '2020-01-01T03:30:00Z', '2020-01-01T03:30:01Z', 'completed');
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
            INSERT INTO job_runs (job, started_at, ended_at, state)
            SELECT 'mail-poll', '2020-02-01T00:00:00Z', '2020-02-01T00:00:01Z', 'completed' FROM n;
            """
        let loaded = try await Subprocess.run(SQLiteCLI.path, [database], input: world.file("load.sql", generate + seed))
        try #require(loaded.status == 0, "sqlite3 failed: \(loaded.err)")
        #expect(try await SQLiteCLI.query(database, "SELECT COUNT(*) FROM contracts") == "1000000")

        let log = world.path("run.log")
        let service = try Subprocess.launch(CommandLine.binary, ["run", "--config", config], stderr: log)
        defer { service.killIfRunning() }

        // The run is in progress: the run log says so (the seeded run of 2020 is completed).
        let newestRating = "SELECT state FROM job_runs WHERE job = 'rating' ORDER BY id DESC LIMIT 1"
        var tries = 0
        while try await SQLiteCLI.query(database, newestRating) != "running" {
            tries += 1
            try #require(tries < 600 && service.isRunning, "the rating run never started: \(Self.tail(log))")
            try await Task.sleep(for: .milliseconds(100))
        }

        // Probe /healthz while it runs; each probe timed from before the connection to after the whole answer.
        var latencies: [Duration] = []
        let probingSince = ContinuousClock.now
        while ContinuousClock.now - probingSince < Self.probing {
            let started = ContinuousClock.now
            do {
                let reply = try await PlainHTTPClient.get(port: port, path: "/healthz")
                #expect(reply.status == 200)
            } catch {
                Issue.record("/healthz did not answer within the client's 10 s: \(error)")
            }
            latencies.append(ContinuousClock.now - started)
            try await Task.sleep(for: .milliseconds(20))
        }
        // Running before the first probe and after the last: running throughout (a run never goes back to running).
        let stateAtSignal = try await SQLiteCLI.query(database, newestRating)
        #expect(stateAtSignal == "running", "the rating run ended (\(stateAtSignal)) before the probes were done")
        let worst = latencies.max() ?? .zero
        print("/healthz during the rating run: \(latencies.count) probes, worst \(worst), "
              + "median \(latencies.sorted()[latencies.count / 2])")
        #expect(latencies.count >= 20)
        #expect(worst < Self.healthBound, "worst /healthz answer \(worst)")

        let signalled = ContinuousClock.now
        kill(service.pid, SIGTERM)
        let status = try await service.waitForExit(naps: 600)
        let toExit = ContinuousClock.now - signalled

        print("SIGTERM to exit: \(toExit)")
        #expect(status == 0, "\(Self.tail(log))")
        #expect(toExit < Self.exitBound, "SIGTERM to exit took \(toExit)")
        // Stopped, and none of its ratings landed: the next run does it all again.
        #expect(try await SQLiteCLI.query(database, newestRating) == "stopped")
        #expect(try await SQLiteCLI.query(database, "SELECT COUNT(*) FROM accounts WHERE rating IS NOT NULL") == "0")
        #expect(try await SQLiteCLI.query(database, "SELECT COUNT(*) FROM rating_state") == "0")
    }

    static let generator = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Benchmarks/rating/generate.sql").standardizedFileURL.path

    /// The last lines of the service's log, for a failure message.
    static func tail(_ path: String) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(8).joined(separator: "\n")
    }
}

extension RunShutdownDuringRatingTests {
    /// The sqlite3 command-line shell.
    enum SQLiteCLI {
        static let path = sqlite3Path
        static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

        /// One value of a read-only query (a `-readonly` connection, so the service's writes are never held up).
        static func query(_ database: String, _ sql: String) async throws -> String {
            let result = try await Subprocess.run(path, ["-readonly", database, sql])
            return result.out.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Child processes for this suite: `Process`, awaited by polling (never `waitUntilExit` from the cooperative pool).
    struct Subprocess {
        let process: Process

        var pid: Int32 { process.processIdentifier }
        var isRunning: Bool { process.isRunning }

        /// Starts `executable`; standard error goes to the file `stderr` when given (a pipe nobody reads could fill up).
        static func launch(_ executable: String, _ arguments: [String], stdin: String? = nil, stderr: String? = nil,
                           stdout: Pipe? = nil) throws -> Subprocess {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
            if let stderr {
                FileManager.default.createFile(atPath: stderr, contents: nil)
                process.standardError = FileHandle(forWritingAtPath: stderr)
            }
            if let stdout { process.standardOutput = stdout }
            try process.run()
            return Subprocess(process: process)
        }

        /// Runs to its end and returns its status and output; waits on a thread of its own.
        static func run(_ executable: String, _ arguments: [String], input: String? = nil) async throws
            -> (status: Int32, out: String, err: String) {
            try await BlockingThread.run(name: "test.subprocess") { try runBlocking(executable, arguments, input: input) }
        }

        private static func runBlocking(_ executable: String, _ arguments: [String], input: String?) throws
            -> (status: Int32, out: String, err: String) {
            let out = Pipe(), err = Pipe()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let input { process.standardInput = FileHandle(forReadingAtPath: input) }
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }

        /// Waits for the end, `naps` naps of 50 ms at most; then kills it and fails the test.
        func waitForExit(naps: Int) async throws -> Int32 {
            var left = naps
            while process.isRunning && left > 0 {
                try await Task.sleep(for: .milliseconds(50))
                left -= 1
            }
            if process.isRunning {
                killIfRunning()
                Issue.record("the process did not exit after \(naps) naps of 50 ms")
            }
            return process.terminationStatus
        }

        func killIfRunning() {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
