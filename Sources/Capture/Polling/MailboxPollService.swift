import CRMCore
import Foundation
import IMAPClient
import Logging
import ServiceLifecycle

/// One mailbox polled until graceful shutdown (issue #4): poll, wait `interval`, poll again.
///
/// - Each poll opens a new session (`openSession`, which reads the secret file anew, so an external refresher can
///   rotate a password or token) and runs on a thread of its own: the session and the database block.
/// - The scheduler's persisted mode is read before each poll: in `standby` nothing is polled.
/// - A failed poll waits `PollBackoff.delay` (exponential with full jitter; a denied login a long fixed wait) instead
///   of the interval; the failure is logged once per streak of the same reason and reported to the observer each time.
/// - Graceful shutdown (or cancellation): the poll in progress stops before its next message, after committing the one
///   in hand; a wait in progress ends at once; then `run()` returns.
public struct MailboxPollService: Service {
    public let poller: MailboxPoller
    let openSession: @Sendable () throws -> any MailboxSession
    let interval: Duration
    let schedulerMode: @Sendable () throws -> SchedulerMode
    let backoff: PollBackoff
    let sleep: @Sendable (Duration) async throws -> Void
    let random: @Sendable () -> Double
    let onEvent: @Sendable (PollEvent) -> Void
    /// Poll once and return (`run --once`) instead of polling until graceful shutdown.
    let once: Bool
    /// The mailbox's IMAP IDLE watcher (§11), nil for interval polling only: its wake-ups end the wait for the
    /// interval (never a backoff's wait after a failure).
    let idle: MailboxIdleWatcher?
    /// Issue 14: the mailbox's lease among the instances sharing the database (`MailboxPollService+Lease.swift`); nil
    /// for one instance alone (`crmservice poll`).
    let lease: LeaseKeeper?

    /// `sleep` waits (throws when cancelled) and `random` is uniform in `0..<1`: both injected so tests need no time.
    public init(
        poller: MailboxPoller, interval: Duration, openSession: @escaping @Sendable () throws -> any MailboxSession,
        schedulerMode: @escaping @Sendable () throws -> SchedulerMode = { .running },
        backoff: PollBackoff = PollBackoff(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        onEvent: @escaping @Sendable (PollEvent) -> Void = { _ in },
        once: Bool = false, idle: MailboxIdleWatcher? = nil, lease: LeaseKeeper? = nil
    ) {
        self.once = once
        self.lease = lease
        self.idle = idle
        self.poller = poller
        self.interval = interval
        self.openSession = openSession
        self.schedulerMode = schedulerMode
        self.backoff = backoff
        self.sleep = sleep
        self.random = random
        self.onEvent = onEvent
    }

    /// What one poll came to.
    public enum Outcome: Sendable {
        case polled(PollSummary)
        case failed(PollFailure)
        case standby
        /// Issue 14: another instance holds the mailbox's lease (nil: unknown), or took it during the poll (what was
        /// committed before stays): nothing more was polled.
        case notHeld(InstanceName?)
    }

    /// One poll on a thread of its own, reported to the poller's observer; `stop` ends it between messages.
    public func pollOnce(stop: StopFlag = StopFlag()) async -> Outcome {
        var leased = self.poller
        let lease = self.lease
        if let lease {
            switch await leaseForPoll(lease) {
            case .success(let fence): leased.fence = fence
            case .failure(.heldBy(let other)): return .notHeld(other)
            case .failure(.store(let message)):
                let failure = PollFailure(kind: .store, message: "database: cannot take the mailbox's lease: \(message)")
                leased.observer.pollFailed(mailbox: leased.mailbox, at: Date(), kind: failure.kind, message: failure.message)
                return .failed(failure)
            }
        }
        let fence = leased.fence
        let poller = leased
        let openSession = self.openSession
        let schedulerMode = self.schedulerMode
        let started = ContinuousClock.now
        let abandoned = Outcome.failed(PollFailure(kind: .protocolError, message: "stopped while a server call was in progress"))
        let outcome = await BlockingThread.run(name: "poll \(poller.mailbox)", whenCancelled: abandoned) { () -> Outcome in
            do {
                if try schedulerMode() == .standby { return .standby }
            } catch {
                return .failed(PollFailure(kind: .store, message: "database: cannot read the scheduler's mode: \(error)"))
            }
            let session: any MailboxSession
            do { session = try openSession() } catch {
                let (kind, message) = poller.explain(error)
                return .failed(PollFailure(kind: kind, message: message))
            }
            do throws(PollFailure) {
                // Lost (by this instance's reckoning): stop before the next message; the store refuses the commit anyway.
                return .polled(try poller.poll(session, shouldStop: { stop.isSet || (fence != nil && lease?.current != fence) }))
            } catch {
                if let lost = error.leaseLost { return .notHeld(lost.holder) }
                return .failed(error)
            }
        }
        switch outcome {
        case .polled:
            poller.observer.pollSucceeded(mailbox: poller.mailbox, at: Date(), duration: ContinuousClock.now - started)
        case .failed(let failure):
            poller.observer.pollFailed(mailbox: poller.mailbox, at: Date(), kind: failure.kind, message: failure.message)
        case .standby, .notHeld:
            break
        }
        return outcome
    }

    public func run() async throws {
        let stop = StopFlag()
        let tenures = IdleTenures()
        let wakeUps = PollWakeUps()
        let lease = self.lease
        let idle = once ? nil : self.idle
        let logger = poller.logger
        let mailbox = poller.mailbox
        let onEvent = self.onEvent
        logger.info("poller started", metadata: ["mail.mailbox": "\(mailbox)", "mail.interval": "\(interval)"])
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
              await withTaskGroup(of: Void.self) { watchers in
                if let idle {
                    watchers.addTask {
                        await Self.superviseIdle(idle, lease: lease, tenures: tenures, wake: { wakeUps.wake() })
                    }
                }
                if let lease, !once {
                    watchers.addTask { await Self.keepRenewing(lease, tenures: tenures, logger: logger) }
                }
                var failures = 0
                var heldElsewhere = false
                var lastProblem: String?
                var inStandby = false
                while !stop.isSet {
                    let wait: Duration
                    wakeUps.consumePending()
                    let outcome = await pollOnce(stop: stop)
                    if case .standby = outcome {
                        if !inStandby { logger.notice("scheduler in standby: not polling", metadata: ["mail.mailbox": "\(mailbox)"]) }
                        inStandby = true
                    } else if inStandby {
                        logger.notice("scheduler running: polling again", metadata: ["mail.mailbox": "\(mailbox)"])
                        inStandby = false
                    }
                    switch outcome {
                    case .polled(let summary):
                        if lastProblem != nil { logger.notice("polling works again", metadata: ["mail.mailbox": "\(mailbox)"]) }
                        failures = 0
                        lastProblem = nil
                        wait = interval
                        // A poll that found nothing is logged at debug only: a quiet mailbox polled every minute
                        // would otherwise fill the journal.
                        logger.log(level: summary.found == 0 && !summary.rescanned ? .debug : .info, "polled",
                                   metadata: ["mail.mailbox": "\(mailbox)", "mail.summary": "\(summary.text)"])
                        onEvent(.polled(summary, next: wait))
                    case .failed(let failure):
                        failures += 1
                        wait = backoff.delay(afterFailures: failures, kind: failure.kind, random: random())
                        let problem = failure.description
                        let metadata: Logger.Metadata = [
                            "mail.mailbox": "\(mailbox)", "error.kind": "\(failure.kind.rawValue)", "error": "\(failure.message)",
                            "mail.retry_in": "\(wait)", "mail.failures": "\(failures)"]
                        if problem != lastProblem { logger.error("poll failed", metadata: metadata) } else { logger.debug("poll failed again", metadata: metadata) }
                        lastProblem = problem
                        onEvent(.failed(failure, next: wait))
                    case .standby:
                        wait = interval
                        onEvent(.standby(next: wait))
                    case .notHeld(let other):
                        wait = lease?.renewEvery ?? interval
                        if !heldElsewhere {
                            logger.notice("the mailbox's lease is another instance's: not polling", metadata: [
                                "mail.mailbox": "\(mailbox)", "lease.holder": "\(other?.rawValue ?? "unknown")"])
                        }
                        onEvent(.leaseHeldElsewhere(by: other, next: wait))
                    }
                    if case .notHeld = outcome { heldElsewhere = true } else if heldElsewhere, case .polled = outcome {
                        logger.notice("the mailbox's lease is this instance's: polling", metadata: ["mail.mailbox": "\(mailbox)"])
                        heldElsewhere = false
                    }
                    if stop.isSet || once { break }
                    let sleep = self.sleep
                    let wakeable = idle != nil && { switch outcome { case .failed, .notHeld: false; default: true } }()
                    do {
                        _ = try await cancelWhenGracefulShutdown {
                            try await Self.wait(wait, sleep: sleep, wakeUps: wakeable ? wakeUps : nil)
                        }
                    } catch { break }
                }
                tenures.stop()
                watchers.cancelAll()
              }
            } onGracefulShutdown: {
                stop.set()
                tenures.stop()
                onEvent(.stopRequested)
            }
        } onCancel: {
            stop.set()
            tenures.stop()
            onEvent(.stopRequested)
        }
        if let lease {
            // Given up for the next instance to take at once rather than after the expiry, but only once this
            // instance's IDLE connection to the mailbox is closed (the watcher task was cancelled, its thread may
            // still be logging out): released before, another instance could log in while it is open. A connection
            // still open after the wait keeps the lease until it expires.
            if await Self.idleClosed(tenures) {
                await BlockingThread.run(name: "lease \(mailbox)") { lease.release() }
            } else {
                logger.notice("the IDLE connection is still open: the mailbox's lease is left to expire",
                              metadata: ["mail.mailbox": "\(mailbox)", "lease.key": "\(lease.key)"])
            }
        }
        logger.info("poller stopped", metadata: ["mail.mailbox": "\(mailbox)"])
    }

    /// `sleep(duration)`, ended early by a wake-up when `wakeUps` is given; throws when cancelled.
    private static func wait(_ duration: Duration, sleep: @escaping @Sendable (Duration) async throws -> Void,
                             wakeUps: PollWakeUps?) async throws {
        guard let wakeUps else { return try await sleep(duration) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await sleep(duration) }
            group.addTask { try await wakeUps.next() }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
