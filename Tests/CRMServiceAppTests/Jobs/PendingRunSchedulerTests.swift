import CRMCore
import Foundation
import Jobs
import Store
import Testing

/// Pending one-off runs (`jobs run NAME --at`, §7) in the scheduler service, on a real SQLite file with a hand-moved
/// clock.
@Suite("§7 Pending one-off runs in the scheduler service") struct PendingRunSchedulerTests {
    static let audit = AuditLogEntry(at: utc("2026-03-02T08:00:00Z"), actor: "anna", origin: .cli, action: "job-run-at",
                                     target: "", detail: "")

    @Test("§7 a pending run whose time passed while the service was down runs once at start-up, never again after a restart")
    func missedRunsOnceAtStartUp() async throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T10:00:00Z"))
        let pending = try world.database.addPendingRun(job: "rating", at: utc("2026-03-02T09:00:00Z"), audit: Self.audit)
        let job = RecordingJob("rating")
        world.start([job], [try cron("rating", "0 2 * * *")])
        await world.idle()
        #expect(job.runs == [utc("2026-03-02T10:00:00Z")])
        #expect(world.started.map(\.pendingRun) == [pending])
        #expect(try world.database.pendingRuns().isEmpty)
        try await world.shutdown()

        world.clock.set(utc("2026-03-02T11:00:00Z"))
        world.start([job], [try cron("rating", "0 2 * * *")])
        await world.idle()
        try await world.shutdown()
        #expect(job.runs.count == 1)
        let runs = try world.database.jobRuns().filter { $0.job == "rating" }
        #expect(runs.count == 1 && runs.first?.state == .completed)
    }

    @Test("§7 a pending run in the future does not run early: the service wakes at its time and runs it once")
    func futureRunWaitsForItsTime() async throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T10:00:00Z"))
        _ = try world.database.addPendingRun(job: "rating", at: utc("2026-03-02T11:00:00Z"), audit: Self.audit)
        let job = RecordingJob("rating")
        world.start([job], [try cron("rating", "0 2 * * *")])
        let wake = await world.idle()
        #expect(wake == utc("2026-03-02T11:00:00Z"))
        #expect(job.runs.isEmpty)
        // A minute before: the service sleeps on, nothing starts.
        world.clock.set(utc("2026-03-02T10:59:00Z"))
        #expect(job.runs.isEmpty)
        #expect(try world.database.pendingRuns().count == 1)
        world.clock.set(utc("2026-03-02T11:00:00Z"))
        let after = await world.idle()
        #expect(after == utc("2026-03-03T02:00:00Z"))
        try await world.shutdown()
        #expect(job.runs == [utc("2026-03-02T11:00:00Z")])
        #expect(try world.database.pendingRuns().isEmpty)
    }

    @Test("§7 a cancelled pending run never starts; cancelling a started one names its run")
    func cancelledRunNeverStarts() async throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T10:00:00Z"))
        let cancelled = try world.database.addPendingRun(job: "rating", at: utc("2026-03-02T09:00:00Z"), audit: Self.audit)
        let kept = try world.database.addPendingRun(job: "log-truncate", at: utc("2026-03-02T09:30:00Z"), audit: Self.audit)
        guard case .cancelled(let run) = try world.database.cancelPendingRun(cancelled, audit: Self.audit) else {
            Issue.record("not cancelled")
            return
        }
        #expect(run.job == "rating")
        #expect(try world.database.cancelPendingRun(cancelled, audit: Self.audit) == .unknown)
        let rating = RecordingJob("rating"), truncate = RecordingJob("log-truncate")
        world.start([rating, truncate], [try cron("rating", "0 2 * * *"), try cron("log-truncate", "0 3 * * *")])
        await world.idle()
        try await world.shutdown()
        #expect(rating.runs.isEmpty && truncate.runs.count == 1)
        let started = try #require(try world.database.jobRuns().first { $0.job == "log-truncate" })
        #expect(try world.database.cancelPendingRun(kept, audit: Self.audit) == .alreadyStarted(started.id))
    }

    @Test("§7 claiming a pending run is one transaction: a second claim finds it gone, a running job keeps it pending")
    func claimIsExclusive() throws {
        let world = try SchedulerWorld(now: utc("2026-03-02T10:00:00Z"))
        let id = try world.database.addPendingRun(job: "rating", at: utc("2026-03-02T09:00:00Z"), audit: Self.audit)
        let busy = try world.database.startRun(job: "rating", at: utc("2026-03-02T09:59:00Z"))
        #expect(try world.database.claimPendingRun(id, at: world.clock.now()) == .busy(busy))
        #expect(try world.database.pendingRuns().map(\.id) == [id])
        try world.database.finishRun(busy, state: .completed, at: world.clock.now(), examined: 0, changed: 0, messages: [])
        guard case .started(let run) = try world.database.claimPendingRun(id, at: world.clock.now()) else {
            Issue.record("not started")
            return
        }
        // Another process's claim (a second connection to the file) finds nothing to start.
        #expect(try world.terminal().claimPendingRun(id, at: world.clock.now()) == .gone)
        #expect(try world.database.jobRun(run)?.state == .running)
        #expect(try world.database.pendingRuns().isEmpty)
    }
}
