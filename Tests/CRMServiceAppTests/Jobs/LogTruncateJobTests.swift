import CRMCore
import Foundation
import Jobs
import Store
import Synchronization
import Testing

/// The real store, with "another terminal" asking for a stop at a chosen batch.
final class StopAtBatch: SchedulerLogTruncation {
    enum When { case whileInProgress, afterCommit }
    let store: AppDatabase
    let terminal: AppDatabase
    let batch: Int
    let when: When
    private let calls = Mutex(0)

    init(store: AppDatabase, terminal: AppDatabase, batch: Int, when: When) {
        self.store = store
        self.terminal = terminal
        self.batch = batch
        self.when = when
    }

    var batches: Int { calls.withLock { $0 } }

    func deleteRuns(startedBefore cutoff: Date, limit: Int, unlessStopRequestedFor run: JobRunID) throws -> TruncationBatch {
        let n = calls.withLock { $0 += 1; return $0 }
        if n == batch, when == .whileInProgress { _ = try terminal.requestStop(of: run, at: Date()) }
        let result = try store.deleteRuns(startedBefore: cutoff, limit: limit, unlessStopRequestedFor: run)
        if n == batch, when == .afterCommit { _ = try terminal.requestStop(of: run, at: Date()) }
        return result
    }
}

@Suite("§7 log-truncate") struct LogTruncateJobTests {
    /// `count` finished runs in 2025, one a minute.
    func seedOldRuns(_ database: AppDatabase, _ count: Int) throws {
        for i in 0..<count {
            let at = utc("2025-01-01T00:00:00Z").addingTimeInterval(TimeInterval(60 * i))
            let id = try database.startRun(job: "rating", at: at)
            try database.finishRun(id, state: .completed, at: at, examined: 0, changed: 0, messages: [])
        }
    }

    @Test("§7 log-truncate deletes run records older than N days in bounded batches, each committed on its own")
    func boundedBatches() async throws {
        let world = try SchedulerWorld(now: utc("2026-01-01T03:30:00Z"))
        try seedOldRuns(world.database, 25)
        let recent = try world.database.startRun(job: "rating", at: utc("2025-12-01T00:00:00Z"))
        try world.database.finishRun(recent, state: .completed, at: utc("2025-12-01T00:00:00Z"), examined: 0, changed: 0, messages: [])
        let store = StopAtBatch(store: world.database, terminal: try world.terminal(), batch: 0, when: .afterCommit)
        let job = LogTruncateJob(store: store, keepDays: 90, batchSize: 10)
        let result = try await JobRunner(store: world.database, clock: world.clock).run(job)
        let report = try result.get()
        #expect(report.state == .completed)
        #expect(report.outcome.examined == 25 && report.outcome.changed == 25)
        #expect(store.batches == 3) // 10, 10, 5
        #expect(try world.database.jobRuns().map(\.id) == [recent, report.runID])
    }

    @Test("§7 jobs stop from another terminal stops log-truncate in the live service: finished batches stay deleted, the batch in progress is rolled back, the run is stopped",
          arguments: [StopAtBatch.When.whileInProgress, .afterCommit])
    func stopFromAnotherTerminal(_ when: StopAtBatch.When) async throws {
        let world = try SchedulerWorld(now: utc("2026-01-01T03:29:30Z"))
        try seedOldRuns(world.database, 35)
        let stopAt = when == .whileInProgress ? 3 : 2
        let store = StopAtBatch(store: world.database, terminal: try world.terminal(), batch: stopAt, when: when)
        world.start([LogTruncateJob(store: store, keepDays: 90, batchSize: 10)], [try cron("log-truncate", "30 3 * * *")])
        await world.runUntil(utc("2026-01-01T03:30:00Z"))
        try await world.shutdown()

        let runs = try world.database.jobRuns()
        let run = try #require(runs.last)
        #expect(run.job == "log-truncate")
        #expect(run.state == .stopped)
        #expect(run.examined == 20 && run.changed == 20)   // two batches committed
        #expect(runs.count == 15 + 1)                      // the 15 others stay, and the run itself
        #expect(store.batches == stopAt)
        if when == .whileInProgress {
            #expect(run.messages == ["batch of 10 deletions rolled back", "stopped by jobs stop"])
        } else {
            #expect(run.messages == ["stopped by jobs stop"])
        }
    }
}
