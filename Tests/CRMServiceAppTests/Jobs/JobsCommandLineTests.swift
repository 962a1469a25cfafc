import Foundation
import TestSupport
import Testing
import TestSupport

/// The executable's exit statuses (§1) for `jobs`; without the debug binary skipped locally, a failure under CI.
@Suite("§1 jobs command line",
        .enabled(if: Prerequisite.met(CommandLine.isBuilt), "needs .build/debug/crmservice (swift build)"))
struct JobsCommandLineTests {
    let directory: URL
    init() throws {
        try Prerequisite.require(CommandLine.isBuilt, "the built binary \(CommandLine.binary)")
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("jobscli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    var db: String { directory.appendingPathComponent("cli.sqlite").path }

    func run(_ arguments: [String], database: [String]? = nil) throws -> (status: Int32, out: String, err: String) {
        let ran = try Spawn.run([CommandLine.binary] + arguments + (database ?? ["--db", db]))
        return (ran.status, ran.out, ran.err)
    }

    @Test("§1 exit 0 on success, 2 on bad input naming the field, 1 when the work failed")
    func statuses() throws {
        let ran = try run(["jobs", "run", "log-truncate"])
        #expect(ran.status == 0 && ran.out.hasPrefix("log-truncate run 1 completed"))
        let day = try run(["jobs", "runs", "--day", "2026-13-01"])
        #expect(day.status == 2 && day.err.contains(#"--day: "2026-13-01" is not a date"#))
        #expect(try run(["jobs", "stop", "x"]).status == 2)
        let done = try run(["jobs", "stop", "1"])
        #expect(done.status == 1 && done.err.contains("run 1 is completed, not running"))
        #expect(try run(["jobs", "run", "nope"]).status == 2)
        #expect(try run(["jobs", "standby"]).status == 0)
        #expect(try run(["jobs", "list"]).out.hasPrefix("scheduler: standby"))
        #expect(try run(["jobs", "run", "rating"]).status == 1)
        #expect(try run(["jobs", "resume"]).status == 0)
        #expect(try run(["jobs", "run", "rating"]).status == 0)
    }

    @Test("§7 with --config the jobs' schedules, zones and enabled flags come from the file")
    func schedulesFromConfiguration() throws {
        let config = directory.appendingPathComponent("crmservice.yaml")
        try """
            database:
              path: cli.sqlite
            jobs:
              rating:
                schedule: "15 6 * * 1-5"
                time_zone: Europe/Berlin
              log-truncate:
                enabled: false
            """.write(to: config, atomically: true, encoding: .utf8)
        let listed = try run(["jobs", "list"], database: ["--config", config.path])
        #expect(listed.status == 0)
        let rows = listed.out.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("rating") && $0.contains("cron 15 6 * * 1-5 Europe/Berlin") })
        #expect(rows.contains { $0.hasPrefix("log-truncate") && $0.contains(" no ") })
        // The relative database path resolved against the file's directory.
        #expect(FileManager.default.fileExists(atPath: db))
        let defaults = try run(["jobs", "list"])
        #expect(defaults.out.split(separator: "\n").contains { $0.hasPrefix("rating") && $0.contains("cron 0 2 * * * UTC") })
    }
}
