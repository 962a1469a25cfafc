import StoreTestSupport
import CRMCore
import Foundation
import Testing
@testable import Store

private func t(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(1_790_000_000 + seconds)) }

@Suite("Store: the scheduler's state (§7)") struct SchedulerStoreTests {
    let db: TestDatabase
    init() throws { db = try TestDatabase() }
    var path: String { db.directory.appendingPathComponent("crm.sqlite").path }

    @Test("§7 the scheduler's mode is persisted: running until set, standby survives reopening")
    func mode() throws {
        let applied = try db.database.appliedMigrations()
        #expect(applied.contains("v3-scheduler"))
        #expect(try db.database.schedulerMode() == .running)
        try db.database.setSchedulerMode(.standby, at: t(0))
        #expect(try TestStore.open(path: path).schedulerMode() == .standby)
        try TestStore.open(path: path).setSchedulerMode(.running, at: t(1))
        #expect(try db.database.schedulerMode() == .running)
    }

    @Test("§7 the schedule survives restarts: how far each job is handled only moves forward")
    func handledThrough() throws {
        try db.database.recordScheduleHandled(job: "rating", through: t(100))
        try db.database.recordScheduleHandled(job: "rating", through: t(50))
        try db.database.recordScheduleHandled(job: "log-truncate", through: t(7))
        #expect(try TestStore.open(path: path).scheduleHandledThrough() == ["rating": t(100), "log-truncate": t(7)])
    }

    @Test("§7 a job never runs twice at once: a guarded start refuses while a run of the job is running")
    func guardedStart() throws {
        guard case .started(let first) = try db.database.startRunIfIdle(job: "rating", at: t(0)) else {
            Issue.record("first start refused"); return
        }
        let other = try TestStore.open(path: path) // another process
        #expect(try other.startRunIfIdle(job: "rating", at: t(1)) == .busy(first))
        guard case .started = try other.startRunIfIdle(job: "log-truncate", at: t(1)) else {
            Issue.record("another job refused"); return
        }
        try db.database.finishRun(first, state: .completed, at: t(2), examined: 0, changed: 0, messages: [])
        guard case .started = try other.startRunIfIdle(job: "rating", at: t(3)) else {
            Issue.record("start after the end refused"); return
        }
        #expect(try db.database.lastRunStarts() == ["rating": t(3), "log-truncate": t(1)])
    }

    @Test("§7 a run left running by a crash is marked failed at start-up, with a message")
    func leftRunning() throws {
        let crashed = try db.database.startRun(job: "rating", at: t(0))
        let done = try db.database.startRun(job: "log-truncate", at: t(0))
        try db.database.finishRun(done, state: .completed, at: t(1), examined: 1, changed: 1, messages: ["ok"])
        #expect(try db.database.failRunsLeftRunning(at: t(5), message: "marked failed at start-up") == [crashed])
        let run = try #require(try db.database.jobRun(crashed))
        #expect(run.state == .failed && run.endedAt == t(5) && run.messages == ["marked failed at start-up"])
        #expect(try db.database.jobRun(done)?.state == .completed)
    }

    @Test("§7 jobs stop RUNID: recorded for a running run, seen from another connection; refused otherwise")
    func stopRequests() throws {
        let run = try db.database.startRun(job: "log-truncate", at: t(0))
        let terminal = try TestStore.open(path: path)
        #expect(try db.database.isStopRequested(run) == false)
        #expect(try terminal.requestStop(of: run, at: t(1)) == .requested)
        #expect(try db.database.isStopRequested(run))
        #expect(try terminal.requestStop(of: JobRunID(rawValue: 999), at: t(1)) == .unknownRun)
        try db.database.finishRun(run, state: .stopped, at: t(2), examined: 0, changed: 0, messages: [])
        #expect(try terminal.requestStop(of: run, at: t(3)) == .notRunning(.stopped))
    }

    @Test("§7 jobs runs --day shows the runs that started that UTC day")
    func runsByDay() throws {
        let day = Day(rawValue: "2026-11-23")!
        let midnight = Date(timeIntervalSince1970: 1_795_392_000) // 2026-11-23T00:00:00Z
        #expect(Day(utc: midnight) == day)
        let before = try db.database.startRun(job: "rating", at: midnight.addingTimeInterval(-1))
        let first = try db.database.startRun(job: "rating", at: midnight)
        let last = try db.database.startRun(job: "log-truncate", at: midnight.addingTimeInterval(86_399))
        let after = try db.database.startRun(job: "rating", at: midnight.addingTimeInterval(86_400))
        #expect(try db.database.jobRuns(startedOn: day).map(\.id) == [first, last])
        #expect(try db.database.jobRuns(startedOn: Day(rawValue: "2026-11-22")!).map(\.id) == [before])
        #expect(try db.database.jobRuns(startedOn: Day(rawValue: "2026-11-24")!).map(\.id) == [after])
    }

    @Test("§7 log-truncate deletes old finished runs oldest first, in bounded batches, never a running one")
    func truncationBatches() throws {
        for i in 0..<7 {
            let id = try db.database.startRun(job: "rating", at: t(i))
            try db.database.finishRun(id, state: .completed, at: t(i), examined: 0, changed: 0, messages: [])
        }
        let running = try db.database.startRun(job: "rating", at: t(8))
        let recent = try db.database.startRun(job: "rating", at: t(100))
        let me = try db.database.startRun(job: "log-truncate", at: t(200))
        #expect(try db.database.deleteRuns(startedBefore: t(50), limit: 3, unlessStopRequestedFor: me) == .deleted(3))
        #expect(try db.database.jobRuns().first?.startedAt == t(3))
        #expect(try db.database.deleteRuns(startedBefore: t(50), limit: 3, unlessStopRequestedFor: me) == .deleted(3))
        #expect(try db.database.deleteRuns(startedBefore: t(50), limit: 3, unlessStopRequestedFor: me) == .deleted(1))
        #expect(try db.database.jobRuns().map(\.id) == [running, recent, me])
    }

    @Test("§7 a stop requested while a truncation batch is in progress rolls that batch back")
    func truncationStop() throws {
        for i in 0..<5 {
            let id = try db.database.startRun(job: "rating", at: t(i))
            try db.database.finishRun(id, state: .completed, at: t(i), examined: 0, changed: 0, messages: [])
        }
        let me = try db.database.startRun(job: "log-truncate", at: t(200))
        #expect(try db.database.deleteRuns(startedBefore: t(50), limit: 2, unlessStopRequestedFor: me) == .deleted(2))
        #expect(try TestStore.open(path: path).requestStop(of: me, at: t(201)) == .requested)
        #expect(try db.database.deleteRuns(startedBefore: t(50), limit: 2, unlessStopRequestedFor: me)
            == .stopRequested(rolledBack: 2))
        #expect(try db.database.jobRuns().count == 4) // 3 old ones and the truncation's own run
    }
}
