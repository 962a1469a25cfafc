import StoreTestSupport
import CRMCore
import Foundation
import Jobs
import Logging
import ServiceLifecycle
import Store
import Synchronization
import Testing

/// `2026-01-01T05:30:00Z`-style literals.
func utc(_ text: String) -> Date {
    Date(timeIntervalSince1970: TimeInterval(ZonedTimestamp.parse(text, zone: .utc)!))
}

func cron(_ name: JobName, _ expression: String, zone: String = "UTC") throws -> JobDefinition {
    JobDefinition(name: name, trigger: .cron(CronSchedule(expression: try CronExpression(expression),
                                                          zone: try TimeZoneDatabase().rules(for: zone))))
}

/// A fresh database file, a hand-moved clock, and the scheduler service running in a ServiceGroup, observed through
/// its events: the test waits until the service is idle, then moves the clock to its next wake-up. Nothing sleeps.
final class SchedulerWorld {
    let directory: URL
    let path: String
    let database: AppDatabase
    let clock: TestSchedulerClock
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?
    private var iterator: AsyncStream<SchedulerEvent>.Iterator?
    private var continuation: AsyncStream<SchedulerEvent>.Continuation?
    /// The wake-up `runUntil` saw last and did not move the clock to (the service is idle until then).
    private var pendingWake: Date?
    /// Every event seen so far.
    private(set) var events: [SchedulerEvent] = []

    init(now: Date) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("schedulertests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("crm.sqlite").path
        database = try TestStore.open(path: path)
        clock = TestSchedulerClock(now)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// A second connection to the same file: another terminal.
    func terminal() throws -> AppDatabase { try TestStore.open(path: path) }

    static let logger = Logger(label: "scheduler-tests") { _ in SwiftLogNoOpLogHandler() }

    /// Starts the service (the previous one must have been shut down).
    func start(_ jobs: [any Job], _ definitions: [JobDefinition], control: SchedulerControl? = nil) {
        let (stream, continuation) = AsyncStream.makeStream(of: SchedulerEvent.self)
        let service = SchedulerService(jobs: jobs, definitions: definitions, store: database, clock: clock,
                                       logger: Self.logger, observer: { continuation.yield($0) }, control: control)
        let group = ServiceGroup(services: [service], logger: Self.logger)
        self.group = group
        self.continuation = continuation
        iterator = stream.makeAsyncIterator()
        task = Task { try await group.run() }
    }

    /// Waits until the service waits for its clock with `running` runs in progress; returns its next wake-up.
    @discardableResult
    func idle(running: Int = 0) async -> Date? {
        if running == 0, let wake = pendingWake {
            pendingWake = nil
            return wake
        }
        while let event = await iterator?.next() {
            events.append(event)
            if case .idle(let next, let count) = event, count == running { return next }
        }
        Issue.record("the service ended while the test waited for it")
        return nil
    }

    /// Moves the clock from wake-up to wake-up (each time all runs are over) until the next is after `end`.
    func runUntil(_ end: Date) async {
        var wake = await idle()
        while let next = wake, next <= end {
            clock.set(next)
            wake = await idle()
        }
        pendingWake = wake
    }

    /// Graceful shutdown, waiting for the service to return.
    func shutdown() async throws {
        await group?.triggerGracefulShutdown()
        try await ended()
    }

    /// Begins a graceful shutdown and waits until the service has seen it (`running` runs still in progress).
    func beginShutdown(running: Int) async {
        await group?.triggerGracefulShutdown()
        while let event = await iterator?.next() {
            events.append(event)
            if case .idle(nil, running) = event { return }
        }
    }

    /// Waits for the service to return.
    func ended() async throws {
        try await task?.value
        continuation?.finish()
        while let event = await iterator?.next() { events.append(event) }
        group = nil
        task = nil
        pendingWake = nil
    }

    var started: [DueRun] {
        events.compactMap { if case .started(let run, _) = $0 { run } else { nil } }
    }

    var skipped: [JobName] {
        events.compactMap { if case .skipped(let name, _) = $0 { name } else { nil } }
    }
}

/// A job that records when each of its runs started.
final class RecordingJob: Job {
    let name: JobName
    private let starts = Mutex<[Date]>([])

    init(_ name: JobName) { self.name = name }

    var runs: [Date] { starts.withLock { $0 } }

    func run(_ context: JobContext) async throws -> JobOutcome {
        starts.withLock { $0.append(context.startedAt) }
        return JobOutcome(examined: 1, changed: 0, messages: ["ran"])
    }
}

/// A gate the test opens; waiters suspend until then.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { s in
            s.open = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once someone waits at the closed gate (a job holding its batch), or the gate is open.
    func waiting() async {
        while state.withLock({ !$0.open && $0.waiters.isEmpty }) { try? await Task.sleep(for: .milliseconds(5)) }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let pass = state.withLock { s in
                if s.open { return true }
                s.waiters.append(continuation)
                return false
            }
            if pass { continuation.resume() }
        }
    }
}

/// A job of batches: checks for a stop, then holds its batch until the gate opens, `batches` times.
final class GatedBatchJob: Job {
    let name: JobName
    let gate = Gate()
    let batches: Int
    private let done = Mutex(0)

    init(_ name: JobName, batches: Int = 1) {
        self.name = name
        self.batches = batches
    }

    var committedBatches: Int { done.withLock { $0 } }

    func run(_ context: JobContext) async throws -> JobOutcome {
        for _ in 0..<batches {
            try context.checkStop()
            await gate.wait()
            done.withLock { $0 += 1 }
            context.count(examined: 1, changed: 1)
        }
        return context.progress
    }
}
