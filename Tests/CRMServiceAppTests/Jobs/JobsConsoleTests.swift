import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store
import Testing

@Suite("§1 jobs commands") struct JobsConsoleTests {
    @Test("§1 jobs runs --day shows that day's runs; a bad day is bad input naming --day")
    func runsByDay() throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let a = try world.database.startRun(job: "rating", at: utc("2026-03-01T23:59:59Z"))
        try world.database.finishRun(a, state: .completed, at: utc("2026-03-02T00:00:05Z"), examined: 3, changed: 1, messages: ["m1"])
        let b = try world.database.startRun(job: "log-truncate", at: utc("2026-03-02T03:30:00Z"))
        let console = JobsConsole(database: world.database, clock: world.clock)
        let today = try console.runs(day: nil)
        #expect(today.contains("log-truncate") && !today.contains("rating"))
        #expect(today.contains("\(b)") && today.contains("running"))
        let yesterday = try console.runs(day: "2026-03-01")
        #expect(yesterday.contains("rating  completed  2026-03-01T23:59:59Z  2026-03-02T00:00:05Z  3"))
        #expect(yesterday.contains("    m1\n"))
        #expect(try console.runs(day: "2026-02-01") == "no runs on 2026-02-01\n")
        #expect(throws: JobsInputError(field: "--day", value: "2026-13-01", problem: "is not a date")) {
            try console.runs(day: "2026-13-01")
        }
        #expect(JobsInputError(field: "--day", value: "2026-13-01", problem: "is not a date").description
            == #"--day: "2026-13-01" is not a date"#)
    }

    @Test("§7 jobs list shows the mode and each job's state, last run and next run (a missed run: at start-up)")
    func list() throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let console = JobsConsole(database: world.database, clock: world.clock)
        let fresh = try console.list()
        #expect(fresh.hasPrefix("scheduler: running\n"))
        // The JOB and TRIGGER columns are as wide as their longest values, calendar-sync's `cron */15 * * * * UTC` (§9).
        #expect(fresh.contains("rating         yes      cron 0 2 * * * UTC     idle            never     2026-03-03T02:00:00Z"))
        #expect(fresh.contains("digest         no       cron 0 7 * * 1-5 UTC   not registered  never     -"))
        #expect(fresh.contains("calendar-sync  no       cron */15 * * * * UTC  not registered  never     -"))
        let run = try world.database.startRun(job: "rating", at: utc("2026-03-01T02:00:00Z"))
        let listed = try console.list()
        #expect(listed.contains("running (run \(run))"))
        #expect(listed.contains("at start-up (missed)"))
        _ = try console.setMode(.standby)
        #expect(try console.list().hasPrefix("scheduler: standby\n"))
    }

    @Test("§1 jobs run NAME runs in this process and records the run; refused in standby and for unknown names")
    func runNow() async throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let console = JobsConsole(database: world.database, clock: world.clock)
        let ran = try await console.run("log-truncate")
        #expect(ran.report.state == .completed)
        #expect(try world.database.jobRun(ran.report.runID)?.job == "log-truncate")
        await #expect(throws: JobsInputError.self) { try await console.run("nope") }
        _ = try console.setMode(.standby)
        await #expect(throws: JobsCommandFailure.self) { try await console.run("rating") }
    }

    @Test("§7 jobs stop RUNID: a run id, a recorded run, a running one")
    func stop() throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let console = JobsConsole(database: try world.terminal(), clock: world.clock)
        #expect(throws: JobsInputError(field: "RUNID", value: "x", problem: "is not a run id")) { try console.stop("x") }
        #expect(throws: JobsInputError.self) { try console.stop("7") }
        let run = try world.database.startRun(job: "log-truncate", at: world.clock.now())
        #expect(try console.stop("\(run)") == "stop of run \(run) requested\n")
        #expect(try world.database.isStopRequested(run))
        try world.database.finishRun(run, state: .stopped, at: world.clock.now(), examined: 0, changed: 0, messages: [])
        #expect(throws: JobsCommandFailure("run \(run) is stopped, not running")) { try console.stop("\(run)") }
    }
}
