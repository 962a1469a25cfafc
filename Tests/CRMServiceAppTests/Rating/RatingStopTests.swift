import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
import Jobs
import Store
import Synchronization
import Testing

/// The real store, with "another terminal" acting at a chosen point of a rating run: after its snapshot was read, or
/// inside its write after a number of rows.
final class RatingPhaseHooks: RatingStore {
    let inner: AppDatabase
    /// Runs inside the read transaction, before the job reads, with the job's stop check.
    let insideSnapshot: @Sendable (() throws -> Void) throws -> Void
    /// Runs after the snapshot was read, before the write begins.
    let afterSnapshot: @Sendable () throws -> Void
    /// Runs inside the write transaction after this many ratings were written (nil: never).
    let tripAfterRatings: Int?
    let trip: @Sendable () -> Void

    init(_ inner: AppDatabase, insideSnapshot: @escaping @Sendable (() throws -> Void) throws -> Void = { _ in },
         afterSnapshot: @escaping @Sendable () throws -> Void = {}, tripAfterRatings: Int? = nil,
         trip: @escaping @Sendable () -> Void = {}) {
        self.inner = inner
        self.insideSnapshot = insideSnapshot
        self.afterSnapshot = afterSnapshot
        self.tripAfterRatings = tripAfterRatings
        self.trip = trip
    }

    func inRatingSnapshot<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingSnapshot) throws -> T) throws -> T {
        let result = try inner.inRatingSnapshot(checkStop: checkStop) { snapshot in
            try insideSnapshot(checkStop)
            return try body(snapshot)
        }
        try afterSnapshot()
        return result
    }

    func inRatingWrite<T>(checkStop: @escaping () throws -> Void, _ body: (any RatingWriteSession) throws -> T) throws -> T {
        try inner.inRatingWrite(checkStop: checkStop) { session in
            try body(Tripping(inner: session, after: tripAfterRatings, trip: trip))
        }
    }

    func replaceRules(ofTypes types: Set<AccountType>, with rules: [RatingRule]) throws {
        try inner.replaceRules(ofTypes: types, with: rules)
    }

    func allRules() throws -> [RatingRule] { try inner.allRules() }

    /// Calls `trip` once `after` ratings have been written.
    final class Tripping: RatingWriteSession {
        let inner: any RatingWriteSession
        let after: Int?
        let trip: () -> Void
        var written = 0

        init(inner: any RatingWriteSession, after: Int?, trip: @escaping () -> Void) {
            self.inner = inner
            self.after = after
            self.trip = trip
        }

        func watermark() throws -> RatingWatermark? { try inner.watermark() }
        func saveOwnTotals(_ totals: [AccountID: [CurrencyTotal]], replacing accounts: Set<AccountID>?) throws {
            try inner.saveOwnTotals(totals, replacing: accounts)
        }
        func setRating(_ rating: Rating?, of account: AccountID, at time: Date) throws -> Bool {
            let changed = try inner.setRating(rating, of: account, at: time)
            written += 1
            if written == after { trip() }
            return changed
        }
        func saveWatermark(_ watermark: RatingWatermark) throws { try inner.saveWatermark(watermark) }
    }
}

@Suite("§7 stopping the rating job") struct RatingStopTests {
    let w: RatingWorld
    init() throws {
        w = try RatingWorld()
        try w.loadStandardRules()
    }

    /// `count` Customer accounts, each with one contract of a different size (so they get all three ratings).
    func loadAccounts(_ count: Int) throws {
        try w.load(.accounts, accountsCSV((0..<count).map { ("A\($0)", "Customer", "Active", "") }))
        try w.load(.contracts, contractsCSV((0..<count).map { ("C\($0)", "A\($0)", "\($0 * 7 % 20_000)", "0", "EUR") }))
    }

    func ratedCount() throws -> Int { try w.ratings().values.count { $0 != nil } }

    /// Begins a run of the rating job in the scheduler's way and runs it to its end.
    func runScheduled(_ store: any RatingStore, shutdown: StopFlag = StopFlag(),
                      beforeExecute: (JobRunID) -> Void = { _ in }) async throws -> JobRunner.Report {
        let runner = JobRunner(store: w.database)
        guard case .started(let context) = try await runner.begin("rating", shutdown: shutdown) else {
            throw RunNotStarted()
        }
        beforeExecute(context.runID)
        return try await runner.execute(ScheduledRatingJob(store: store), in: context)
    }

    struct RunNotStarted: Error {}

    @Test("§7 jobs stop while the rating computes: the run ends stopped, no rating lands, the next run does it all")
    func stopWhileComputing() async throws {
        try loadAccounts(50)
        let database = w.database
        let runID = Mutex<JobRunID?>(nil)
        let hooks = RatingPhaseHooks(database, afterSnapshot: {
            if let id = runID.withLock({ $0 }) { _ = try database.requestStop(of: id, at: Date()) }
        })
        let report = try await runScheduled(hooks) { id in runID.withLock { $0 = id } }
        #expect(report.state == .stopped)
        #expect(report.outcome.messages == ["stopped by jobs stop"])
        #expect(try ratedCount() == 0)
        #expect(try database.jobRun(report.runID)?.state == .stopped)

        let next = try w.run()
        #expect(next.full) // the stopped run left no watermark
        #expect(try ratedCount() == 50)
    }

    @Test("§7 jobs stop from another terminal reaches the rating inside its read transaction, between batches of rows")
    func stopInsideTheSnapshot() async throws {
        try loadAccounts(50)
        let terminal = try TestStore.open(path: w.directory.appendingPathComponent("crm.sqlite").path)
        let runID = Mutex<JobRunID?>(nil)
        let seenInside = Mutex(false)
        let hooks = RatingPhaseHooks(w.database, insideSnapshot: { checkStop in
            guard let id = runID.withLock({ $0 }) else { return }
            _ = try terminal.requestStop(of: id, at: Date())
            // The check the store makes every few thousand rows reads no database: the job's watcher passes the
            // request on. Wait for it (a bounded number of naps), as a long read would meet it.
            for _ in 0..<500 {
                do { try checkStop() } catch {
                    seenInside.withLock { $0 = true }
                    throw error
                }
                Thread.sleep(forTimeInterval: 0.01)
            }
        })
        let report = try await runScheduled(hooks) { id in runID.withLock { $0 = id } }
        #expect(seenInside.withLock { $0 })
        #expect(report.state == .stopped)
        #expect(report.outcome.messages == ["stopped by jobs stop"])
        #expect(try ratedCount() == 0)
    }

    @Test("§7 graceful shutdown inside the rating's write: the write is rolled back, so no partial ratings")
    func shutdownInsideTheWrite() async throws {
        try loadAccounts(2_500) // more ratings than one batch of the write (1,000)
        let shutdown = StopFlag()
        let hooks = RatingPhaseHooks(w.database, tripAfterRatings: 1_500, trip: { shutdown.set() })
        let report = try await runScheduled(hooks, shutdown: shutdown)
        #expect(report.state == .stopped)
        #expect(report.outcome.messages == ["stopped: the service is shutting down"])
        #expect(try ratedCount() == 0) // 1,500 were written inside the transaction, none committed
        #expect(try w.run().full)
        #expect(try ratedCount() == 2_500)
    }

    @Test("§6 a contract imported while the run computes is rated by the next run: incremental equals full")
    func importDuringTheRun() async throws {
        try loadAccounts(20)
        nonisolated(unsafe) let world = w
        let hooks = RatingPhaseHooks(w.database, afterSnapshot: {
            try world.load(.contracts, contractsCSV([("C-late", "A0", "50000", "0", "EUR")]))
        })
        let report = try await runScheduled(hooks)
        #expect(report.state == .completed)
        #expect(try w.rating("A0") == 3) // computed from the snapshot, before the import
        let next = try w.run()
        #expect(!next.full && next.examined == 1)
        #expect(try w.rating("A0") == 1)
        let incremental = try w.ratings()
        #expect(try w.run(full: true).changed == 0)
        #expect(try w.ratings() == incremental)
    }

    @Test("§6 another rating run committed while this one computed: this one computes again from the other's result")
    func overlappingRuns() async throws {
        try loadAccounts(20)
        nonisolated(unsafe) let world = w
        let snapshots = Mutex(0)
        let hooks = RatingPhaseHooks(w.database, afterSnapshot: {
            guard snapshots.withLock({ $0 += 1; return $0 }) == 1 else { return }
            try world.load(.contracts, contractsCSV([("C-late", "A0", "50000", "0", "EUR")]))
            _ = try world.run() // `rating run` from another terminal, after the import
        })
        let report = try await runScheduled(hooks)
        #expect(report.state == .completed)
        #expect(snapshots.withLock { $0 } == 2)
        #expect(report.outcome.changed == 0) // the other run had written everything
        #expect(try w.rating("A0") == 1)
        #expect(try w.run(full: true).changed == 0)
    }

    @Test("§6 a run that keeps being overtaken by other runs fails and writes nothing")
    func overtakenEveryTime() async throws {
        try loadAccounts(20)
        nonisolated(unsafe) let world = w
        let contract = Mutex(0)
        let hooks = RatingPhaseHooks(w.database, afterSnapshot: {
            let n = contract.withLock { $0 += 1; return $0 }
            try world.load(.contracts, contractsCSV([("C-late\(n)", "A\(n)", "50000", "0", "EUR")]))
            _ = try world.run()
        })
        let report = try await runScheduled(hooks)
        #expect(report.state == .failed)
        #expect(report.outcome.messages.first?.contains("another rating run committed while this one computed") == true)
        #expect(contract.withLock { $0 } == 3)
        #expect(try w.run(full: true).changed == 0) // the others' results stand, and are right
    }
}
