import CRMCore
import Foundation
import Jobs
import Store
import Testing

/// One zone's daylight saving day and the instants a cron job must fire at.
struct DSTCase: Sendable, CustomTestStringConvertible {
    var zone: String
    var expression: String
    var from: String
    var until: String
    var fires: [String]
    var testDescription: String { "\(zone) \(expression) from \(from)" }
}

@Suite("§7 Scheduler service (injected clock, fresh database)") struct SchedulerServiceTests {
    static let dstDays = [
        // Spring forward 2026-03-29 (02:00 CET → 03:00 CEST): 02:30 does not exist, runs at 03:00 CEST.
        DSTCase(zone: "Europe/Berlin", expression: "30 2 * * *", from: "2026-03-27T12:00:00Z", until: "2026-03-30T12:00:00Z",
                fires: ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]),
        // Fall back 2026-10-25 (03:00 CEST → 02:00 CET): 02:00 and 02:30 run at their first occurrence only.
        DSTCase(zone: "Europe/Berlin", expression: "*/30 2 * * *", from: "2026-10-24T12:00:00Z", until: "2026-10-25T12:00:00Z",
                fires: ["2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z"]),
        // Spring forward 2026-03-08 (02:00 EST → 03:00 EDT): 02:30 runs at 03:00 EDT.
        DSTCase(zone: "America/New_York", expression: "30 2 * * *", from: "2026-03-07T12:00:00Z", until: "2026-03-09T12:00:00Z",
                fires: ["2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"]),
        // Fall back 2026-11-01 (02:00 EDT → 01:00 EST): hour field `*`, so 01:00 runs in both occurrences.
        DSTCase(zone: "America/New_York", expression: "0 * * * *", from: "2026-11-01T04:30:00Z", until: "2026-11-01T07:30:00Z",
                fires: ["2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z"]),
    ]

    @Test("§7 cron times are wall-clock times in the job's zone: the service fires at the right instants on DST days",
          arguments: dstDays)
    func dstDay(_ day: DSTCase) async throws {
        let world = try SchedulerWorld(now: utc(day.from))
        let job = RecordingJob("rating")
        world.start([job], [try cron("rating", day.expression, zone: day.zone)])
        await world.runUntil(utc(day.until))
        try await world.shutdown()
        #expect(job.runs == day.fires.map(utc))
        let log = try world.database.jobRuns()
        #expect(log.map(\.startedAt) == day.fires.map(utc))
        #expect(log.allSatisfy { $0.state == .completed && $0.job == "rating" && $0.messages == ["ran"] })
    }

    @Test("§7 a run missed while the service was down runs once at start-up")
    func catchUpOnce() async throws {
        let world = try SchedulerWorld(now: utc("2026-01-01T00:30:00Z"))
        let job = RecordingJob("rating")
        let definitions = [try cron("rating", "0 * * * *")]
        world.start([job], definitions)
        await world.runUntil(utc("2026-01-01T01:00:00Z"))
        try await world.shutdown()
        #expect(job.runs == [utc("2026-01-01T01:00:00Z")])

        // Down from 01:00 to 05:30: four fire times missed, one run made up at start-up, then the schedule goes on.
        world.clock.set(utc("2026-01-01T05:30:00Z"))
        world.start([job], definitions)
        await world.runUntil(utc("2026-01-01T06:00:00Z"))
        try await world.shutdown()
        #expect(job.runs == ["2026-01-01T01:00:00Z", "2026-01-01T05:30:00Z", "2026-01-01T06:00:00Z"].map(utc))
        #expect(world.started.map(\.reason) == [.scheduled, .catchUp, .scheduled])

        // A restart with nothing missed makes nothing up.
        world.clock.set(utc("2026-01-01T06:10:00Z"))
        world.start([job], definitions)
        await world.idle()
        try await world.shutdown()
        #expect(job.runs.count == 3)
    }

    @Test("§7 a job never runs twice at once: a fire time during its run is skipped and noted in the run")
    func noOverlap() async throws {
        let world = try SchedulerWorld(now: utc("2026-01-01T00:00:30Z"))
        let job = GatedBatchJob("log-truncate")
        world.start([job], [try cron("log-truncate", "* * * * *")])
        world.clock.set(try #require(await world.idle()))           // 00:01: the run starts and holds
        let next = try #require(await world.idle(running: 1))
        #expect(next == utc("2026-01-01T00:02:00Z"))
        world.clock.set(next)                                      // 00:02: still running, skipped
        await world.idle(running: 1)
        #expect(world.skipped == ["log-truncate"])

        // Another process cannot start it either (the run log's running run is the lock).
        let terminal = try world.terminal()
        let elsewhere = try await JobRunner(store: terminal, clock: world.clock).run(GatedBatchJob("log-truncate"))
        guard case .failure(let busy) = elsewhere else { Issue.record("a second run started"); return }

        job.gate.open()
        await world.idle()
        try await world.shutdown()
        let runs = try world.database.jobRuns()
        #expect(runs.count == 1)
        #expect(busy.runningRun == runs[0].id)
        #expect(runs[0].state == .completed)
        #expect(runs[0].messages.contains { $0.contains("skipped: this run was still running") })
    }

    @Test("§7 standby runs nothing, mail polling included, survives a restart; resuming makes nothing up")
    func standby() async throws {
        let world = try SchedulerWorld(now: utc("2026-01-01T00:00:00Z"))
        let poll = RecordingJob("mail-poll"), rating = RecordingJob("rating")
        let definitions = [JobDefinition(name: "mail-poll", trigger: .interval(seconds: 60)), try cron("rating", "0 * * * *")]
        try world.terminal().setSchedulerMode(.standby, at: world.clock.now())
        world.start([poll, rating], definitions)
        await world.runUntil(utc("2026-01-01T01:00:00Z"))
        try await world.shutdown()

        world.clock.set(utc("2026-01-01T03:00:00Z"))
        world.start([poll, rating], definitions)
        await world.runUntil(utc("2026-01-01T03:05:00Z"))
        #expect(poll.runs.isEmpty && rating.runs.isEmpty)
        #expect(try world.database.jobRuns().isEmpty)

        // `jobs resume` from another terminal: read at the next wake-up; the fire times of standby are not made up.
        try world.terminal().setSchedulerMode(.running, at: world.clock.now())
        await world.runUntil(utc("2026-01-01T04:00:00Z"))
        try await world.shutdown()
        #expect(poll.runs.first == utc("2026-01-01T03:06:00Z"))
        #expect(poll.runs.count == 55)
        #expect(rating.runs == [utc("2026-01-01T04:00:00Z")])
        #expect(world.events.contains(.modeChanged(.running)))
    }

    @Test("§7 a run left running by a crash is marked failed at start-up")
    func crashLeftover() async throws {
        let world = try SchedulerWorld(now: utc("2026-01-01T00:30:00Z"))
        let crashed = try world.database.startRun(job: "rating", at: utc("2026-01-01T00:10:00Z"))
        let job = RecordingJob("rating")
        world.start([job], [try cron("rating", "0 * * * *")])
        await world.runUntil(utc("2026-01-01T01:00:00Z"))
        try await world.shutdown()
        let run = try #require(try world.database.jobRun(crashed))
        #expect(run.state == .failed)
        #expect(run.endedAt == utc("2026-01-01T00:30:00Z"))
        #expect(run.messages.contains { $0.contains("marked failed at start-up") })
        #expect(job.runs == [utc("2026-01-01T01:00:00Z")]) // the leftover does not block the job
    }

    @Test("§7 graceful shutdown: nothing new starts, the running job finishes its batch and is recorded stopped")
    func gracefulShutdown() async throws {
        let world = try SchedulerWorld(now: utc("2026-01-01T00:00:30Z"))
        let job = GatedBatchJob("log-truncate", batches: 3)
        world.start([job], [try cron("log-truncate", "* * * * *")])
        world.clock.set(try #require(await world.idle()))
        await world.idle(running: 1)
        await job.gate.waiting() // the job holds its first batch (else the stop could come before it began one)
        await world.beginShutdown(running: 1)
        job.gate.open()
        try await world.ended()
        #expect(job.committedBatches == 1)
        let run = try #require(try world.database.jobRuns().first)
        #expect(run.state == .stopped)
        #expect(run.examined == 1)
        #expect(run.messages == ["stopped: the service is shutting down"])
    }
}
