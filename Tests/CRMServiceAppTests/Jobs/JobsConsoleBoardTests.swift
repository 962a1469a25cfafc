import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store
import Testing

/// The console's scheduler actions (§7, §8) through `JobsConsoleBoard`: they reach the scheduler service running in
/// the process, are recorded in the run log and audited with their actor.
@Suite("§8 jobs board") struct JobsConsoleBoardTests {
    @Test("§7 run now from the console starts the job in the running scheduler; a second request is refused while it runs; stop ends it")
    func runNowAndStop() async throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let control = SchedulerControl()
        let job = GatedBatchJob("rating", batches: 2)
        world.start([job], [try cron("rating", "0 2 * * *")], control: control)
        await world.idle()
        let board = JobsConsoleBoard(console: JobsConsole(database: world.database, clock: world.clock), control: control)

        let run = try await board.runNow("rating", actor: "ann")
        await world.idle(running: 1)
        #expect(world.started.map(\.reason) == [.manual])
        #expect(try world.database.jobRun(run)?.state == .running)
        #expect(try board.overview().jobs.first { $0.name == "rating" }?.runningRun == run)
        await #expect(throws: JobActionRefused(.busy(run))) { try await board.runNow("rating", actor: "ann") }

        await job.gate.waiting()
        try board.stop(run, actor: "ben")
        job.gate.open()
        await world.idle()
        #expect(try world.database.jobRun(run)?.state == .stopped)
        #expect(job.committedBatches == 1)
        #expect(throws: JobActionRefused(.notRunning(run, .stopped))) { try board.stop(run, actor: "ben") }
        let audit = try world.database.auditLog().map { "\($0.actor) \($0.action) \($0.target) \($0.detail)" }
        #expect(audit == ["ann jobs run job run \(run) rating", "ben jobs stop job run \(run) "])
        try await world.shutdown()
    }

    @Test("§7 standby from the console is persisted, reaches the scheduler at once, and refuses run now")
    func standby() async throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let control = SchedulerControl()
        let job = RecordingJob("rating")
        world.start([job], [try cron("rating", "0 2 * * *")], control: control)
        await world.idle()
        let board = JobsConsoleBoard(console: JobsConsole(database: world.database, clock: world.clock), control: control)
        try await board.setMode(.standby, actor: "ann")
        await world.idle()
        #expect(world.events.contains(.modeChanged(.standby)))
        #expect(try world.database.schedulerMode() == .standby)
        await #expect(throws: JobActionRefused(.standby)) { try await board.runNow("rating", actor: "ann") }
        await #expect(throws: JobActionRefused(.unknownJob("nope"))) { try await board.runNow("nope", actor: "ann") }
        #expect(try world.database.jobRuns().isEmpty && job.runs.isEmpty)
        try await world.shutdown()
        // With no scheduler in the process, nothing can start.
        try await board.setMode(.running, actor: "ann")
        await #expect(throws: JobActionRefused(.noScheduler)) { try await board.runNow("rating", actor: "ann") }
        #expect(try world.database.auditLog().map(\.action) == ["jobs standby", "jobs running"])
    }

    @Test("the overview gives each job's schedule and its next three fire times")
    func overview() throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T12:00:00Z"))
        let overview = try JobsConsole(database: world.database, clock: world.clock).overview()
        let rating = try #require(overview.jobs.first { $0.name == "rating" })
        #expect(rating.schedule == "cron 0 2 * * * UTC" && rating.state == "idle" && rating.scheduled)
        #expect(rating.nextRuns == [utc("2026-03-03T02:00:00Z"), utc("2026-03-04T02:00:00Z"), utc("2026-03-05T02:00:00Z")])
        let archive = try #require(overview.jobs.first { $0.name == "archive" })
        #expect(!archive.enabled && archive.nextRuns.isEmpty)
    }
}
