import StoreTestSupport
import CRMCore
import Foundation
import Jobs
import Logging
import ServiceLifecycle
import Store
import Testing
import TestSupport

/// Issue 14, "a scheduled run happens once across all instances": two scheduler services, each with its own
/// connection to one SQLite file and its own hand-moved clock, fire the same schedule. The seed decides, per fire
/// time, which of them reaches it first (the other only once the first's run is over, which is when a second run
/// could start if nothing claimed the fire time) or whether both reach it at once.
@Suite("Issue 14 scheduled runs across instances") struct ScheduledRunClaimTests {
    /// One scheduler service on its own connection and clock, observed through its events.
    final class Instance {
        let database: AppDatabase
        let clock: TestSchedulerClock
        let job: RecordingJob
        private let group: ServiceGroup
        private let task: Task<Void, any Error>
        private var iterator: AsyncStream<SchedulerEvent>.Iterator
        private(set) var elsewhere = 0

        init(path: String, now: Date, definitions: [JobDefinition]) throws {
            database = try TestStore.open(path: path)
            clock = TestSchedulerClock(now)
            job = RecordingJob("rating")
            let (stream, continuation) = AsyncStream.makeStream(of: SchedulerEvent.self)
            let service = SchedulerService(jobs: [job], definitions: definitions, store: database, clock: clock,
                                           logger: SchedulerWorld.logger, observer: { continuation.yield($0) })
            group = ServiceGroup(services: [service], logger: SchedulerWorld.logger)
            iterator = stream.makeAsyncIterator()
            let group = self.group
            task = Task { try await group.run() }
        }

        /// Waits until the service is idle with no run in progress and its next wake-up after `time`.
        func settled(after time: Date) async {
            while let event = await iterator.next() {
                if case .handledElsewhere = event { elsewhere += 1 }
                if case .idle(let next?, 0) = event, next > time { return }
            }
            Issue.record("the service ended while the test waited for it")
        }

        func shutdown() async throws {
            await group.triggerGracefulShutdown()
            try await task.value
        }
    }

    @Test("Issue 14: two schedulers on one database firing the same cron schedule start exactly one run per fire time")
    func oneRunPerFireTime() async throws {
        let seed = TestSeed.value("oneRunPerFireTime", default: 14)
        var random = SplitMix64(seed: seed)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("crm.sqlite").path
        let start = utc("2026-03-02T10:00:00Z")
        let definitions = [try cron("rating", "*/5 * * * *")]
        let a = try Instance(path: path, now: start, definitions: definitions)
        let b = try Instance(path: path, now: start, definitions: definitions)
        await a.settled(after: start)
        await b.settled(after: start)

        let fireCount = Int.random(in: 6...10, using: &random)
        var fires: [Date] = []
        for index in 1...fireCount {
            let fire = start.addingTimeInterval(TimeInterval(index * 300))
            fires.append(fire)
            switch Int.random(in: 0..<3, using: &random) {
            case 0, 1:
                // One instance first, to the end of its run; then the other.
                let (first, second) = Bool.random(using: &random) ? (a, b) : (b, a)
                first.clock.set(fire)
                await first.settled(after: fire)
                second.clock.set(fire)
                await second.settled(after: fire)
            default:
                // Both at once.
                a.clock.set(fire)
                b.clock.set(fire)
                await a.settled(after: fire)
                await b.settled(after: fire)
            }
        }
        try await a.shutdown()
        try await b.shutdown()

        let runs = try a.database.jobRuns().filter { $0.job == "rating" }
        #expect(runs.map(\.startedAt) == fires, "seed \(seed)")
        #expect(runs.allSatisfy { $0.state == .completed })
        #expect(a.job.runs.count + b.job.runs.count == fireCount)
        // Every fire time: one instance ran it, the other found it handled.
        #expect(a.elsewhere + b.elsewhere == fireCount)
    }
}
