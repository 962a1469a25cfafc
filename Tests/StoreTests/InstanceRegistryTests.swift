import StoreTestSupport
import CRMCore
import Foundation
import Testing
@testable import Store

private func t(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(1_790_000_000 + seconds)) }

/// Issue 14 in the store: the claim of a scheduled run, and which runs left `running` may be failed, on a real SQLite
/// file with two connections (two instances).
@Suite("Store: instances and run claims (issue 14)") struct InstanceRegistryTests {
    let db: TestDatabase
    init() throws { db = try TestDatabase() }
    var path: String { db.directory.appendingPathComponent("crm.sqlite").path }

    @Test("Issue 14: a fire time is claimed once; a later claim finds it handled; standby and a running run refuse")
    func claimOnce() throws {
        let other = try TestStore.open(path: path)
        guard case .started(let run) = try db.database.claimScheduledRun(job: "rating", unhandledSince: t(0), at: t(1)) else {
            Issue.record("the first claim did not start")
            return
        }
        #expect(try other.claimScheduledRun(job: "rating", unhandledSince: t(0), at: t(2)) == .handledElsewhere(handledThrough: t(1)))
        // The next fire time, while the first run still runs: claimed (handled), but busy.
        #expect(try other.claimScheduledRun(job: "rating", unhandledSince: t(60), at: t(60)) == .busy(run))
        #expect(try db.database.claimScheduledRun(job: "rating", unhandledSince: t(60), at: t(61)) == .handledElsewhere(handledThrough: t(60)))
        try db.database.finishRun(run, state: .completed, at: t(62), examined: 0, changed: 0, messages: [])
        try other.setSchedulerMode(.standby, at: t(100))
        #expect(try db.database.claimScheduledRun(job: "rating", unhandledSince: t(120), at: t(120)) == .standby)
        #expect(try db.database.scheduleHandledThrough()["rating"] == t(120))
        #expect(try db.database.jobRuns().count == 1)
        #expect(try db.database.jobRun(run)?.instance == ProcessInstance.name)
    }

    @Test("Issue 14: start-up fails its own and lapsed instances' runs, never a live instance's; the heartbeat fails lapsed ones")
    func lapsedOnly() throws {
        let store = db.database
        try store.renewInstance(InstanceName("a"), at: t(0), expiresAt: t(30), starting: true, pid: 1, version: nil)
        try store.renewInstance(InstanceName("b"), at: t(0), expiresAt: t(10), starting: true, pid: 2, version: nil)
        func plant(_ instance: String?) throws -> JobRunID {
            try store.writer.write { db in
                try db.execute(sql: "INSERT INTO job_runs (job, started_at, state, instance) VALUES ('rating', ?, 'running', ?)",
                               arguments: [AppDatabase.timestamp(t(0)), instance])
                return JobRunID(rawValue: try db.lastInsertedRowID)
            }
        }
        let ofA = try plant("a"), ofB = try plant("b"), ofC = try plant("c"), ofNone = try plant(nil), ofGone = try plant("gone")
        // c restarts at t(5): its own run and the one of no instance; a and b are alive, `gone` never beat.
        #expect(try store.failRunsLeftRunning(by: InstanceName("c"), at: t(5), message: "restart") == [ofC, ofNone, ofGone])
        // At t(20) b's lease has run out, a's has not; a never fails its own.
        #expect(try store.failRunsOfLapsedInstances(except: InstanceName("a"), at: t(20), message: "lapsed") == [ofB])
        #expect(try store.jobRun(ofA)?.state == .running)
        #expect(try store.jobRun(ofB)?.messages == ["lapsed"])
        try store.renewInstance(InstanceName("a"), at: t(25), expiresAt: t(55), starting: false, pid: 1, version: "x")
        let a = try store.instances().first { $0.name == InstanceName("a") }
        #expect(a?.startedAt == t(0) && a?.seenAt == t(25) && a?.version == "x")
        #expect(try store.failRunsOfLapsedInstances(except: InstanceName("b"), at: t(50), message: "lapsed").isEmpty)
        #expect(try store.failRunsOfLapsedInstances(except: InstanceName("b"), at: t(56), message: "lapsed") == [ofA])
    }
}
