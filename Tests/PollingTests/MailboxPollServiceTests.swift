import Capture
import CRMCore
import CRMServiceApp
import Foundation
import IMAPClient
import Logging
import ServiceLifecycle
import Synchronization
import Testing
@testable import Store

/// `MailboxPollService`: the loop, backoff, standby, the secret re-read, graceful shutdown (injected sleep: no waiting).
@Suite struct MailboxPollServiceTests {
    let db: PollDatabase
    let server = FakeMailbox()

    init() throws { db = try PollDatabase() }

    /// Sleeps record their duration and return at once; after `turns` sleeps the next one waits until cancelled.
    final class Sleeper: Sendable {
        let waits = Mutex<[Duration]>([])
        let turns: Int
        let (parked, parkedContinuation) = AsyncStream.makeStream(of: Void.self)
        init(turns: Int) { self.turns = turns }

        func sleep(_ duration: Duration) async throws {
            let count = waits.withLock { $0.append(duration); return $0.count }
            if count > turns {
                parkedContinuation.yield()
                try await Task.sleep(for: .seconds(3600))
            }
        }

        var recorded: [Duration] { waits.withLock { $0 } }
    }

    func service(sleeper: Sleeper, mode: @escaping @Sendable () throws -> SchedulerMode = { .running },
                 open: @escaping @Sendable () throws -> any MailboxSession) -> MailboxPollService {
        let poller = MailboxPoller(mailbox: "box", store: db.database, logger: quietLogger)
        return MailboxPollService(poller: poller, interval: .seconds(60), openSession: open, schedulerMode: mode,
                                  sleep: { try await sleeper.sleep($0) }, random: { 0.5 })
    }

    /// Runs `service` in a group until the sleeper parks, then shuts it down gracefully.
    func runUntilParked(_ service: MailboxPollService, _ sleeper: Sleeper) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)], logger: quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var parked = sleeper.parked.makeAsyncIterator()
            _ = await parked.next()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test func failuresBackOffExponentiallyAndASuccessResetsTheSeries() async throws {
        server.append(message("a@x"))
        let attempts = Mutex(0)
        let sleeper = Sleeper(turns: 5)
        let server = self.server
        let service = service(sleeper: sleeper) {
            let n = attempts.withLock { $0 += 1; return $0 }
            if n <= 3 || n == 5 { throw PollFailure(kind: .connect, message: "refused") }
            return FakeMailboxSession(server)
        }
        try await runUntilParked(service, sleeper)
        // random 0.5: half the ceiling, at least 1 s; 1, 2, 4 → 1, 1, 2; then success → the interval; then 1 again.
        #expect(Array(sleeper.recorded.prefix(5)) == [.seconds(1), .seconds(1), .seconds(2), .seconds(60), .seconds(1)])
        #expect(try db.storedMessageIDs() == ["a@x"])
    }

    @Test func aDeniedLoginWaitsLongInsteadOfRetrying() async throws {
        let sleeper = Sleeper(turns: 2)
        let service = service(sleeper: sleeper) { throw PollFailure(kind: .auth, message: "login denied") }
        try await runUntilParked(service, sleeper)
        #expect(sleeper.recorded == [.seconds(900), .seconds(900), .seconds(900)])
    }

    @Test func standbyPollsNothingUntilTheSchedulerRunsAgain() async throws {
        server.append(message("a@x"))
        server.append(message("b@x"))
        let reads = Mutex(0)
        let opened = Mutex(0)
        let sleeper = Sleeper(turns: 4)
        let server = self.server
        // The mode read before each poll: standby, standby, running, standby, standby.
        let service = service(sleeper: sleeper, mode: {
            reads.withLock { $0 += 1; return $0 == 3 ? .running : .standby }
        }) {
            opened.withLock { $0 += 1 }
            return FakeMailboxSession(server)
        }
        try await runUntilParked(service, sleeper)
        #expect(opened.withLock { $0 } == 1)
        #expect(reads.withLock { $0 } == 5)
        #expect(try db.storedMessageIDs() == ["a@x", "b@x"])
        #expect(sleeper.recorded.allSatisfy { $0 == .seconds(60) })
    }

    @Test func gracefulShutdownDuringAPollCommitsTheMessageInHandAndStops() async throws {
        for n in 1...5 { server.append(message("m\(n)@x")) }
        let (fetched, fetchedContinuation) = AsyncStream.makeStream(of: Void.self)
        let release = DispatchSemaphore(value: 0)
        // The fetch of UID 2 waits until the shutdown has begun.
        server.fail(when: { call in
            if call == "fetch 2" { fetchedContinuation.yield(); release.wait() }
            return false
        }, once: false)
        let sleeper = Sleeper(turns: 0)
        let server = self.server
        let (stopping, stoppingContinuation) = AsyncStream.makeStream(of: Void.self)
        let poller = MailboxPoller(mailbox: "box", store: db.database, logger: quietLogger)
        let service = MailboxPollService(
            poller: poller, interval: .seconds(60), openSession: { FakeMailboxSession(server) },
            sleep: { try await sleeper.sleep($0) },
            onEvent: { if case .stopRequested = $0 { stoppingContinuation.yield() } })
        let serviceGroup = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)], logger: quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await serviceGroup.run() }
            var iterator = fetched.makeAsyncIterator()
            _ = await iterator.next()
            await serviceGroup.triggerGracefulShutdown()
            var stopped = stopping.makeAsyncIterator()
            _ = await stopped.next() // the service has seen the shutdown: now the fetch in hand may finish
            release.signal()
            try await tasks.waitForAll()
        }
        #expect(try db.storedMessageIDs() == ["m1@x", "m2@x"])
        #expect(try db.checkpoint("box")?.lastUID == 2)
        #expect(server.messages[2]?.seen == true)
        #expect(sleeper.recorded.isEmpty) // it returned without waiting for the next poll
    }

    @Test func theSecretFileIsReadAgainBeforeEveryPoll() async throws {
        let secretPath = try db.file("token", "first-token\n")
        let seen = Mutex<[String]>([])
        let sleeper = Sleeper(turns: 2)
        let server = self.server
        let settings = MailboxSettings(name: "box", url: "imaps://mail.example.com/INBOX", user: "crm",
                                       oauth2TokenFile: secretPath, intervalSeconds: 60)
        let service = MailboxPolling.service(
            settings, database: db.database, logger: quietLogger,
            open: { _, secret, _ in
                seen.withLock { $0.append(secret.value) }
                // an external refresher rotates the token before the next poll
                try Data("second-token\n".utf8).write(to: URL(fileURLWithPath: secretPath))
                return FakeMailboxSession(server)
            },
            sleep: { try await sleeper.sleep($0) })
        try await runUntilParked(service, sleeper)
        #expect(Array(seen.withLock { $0 }.prefix(2)) == ["first-token", "second-token"])
    }
}

/// Several mailboxes in one group (issue #4): each on its own, one failing never stops another.
@Suite struct ConcurrentMailboxesTests {
    @Test func aFailingMailboxNeverStopsAnother() async throws {
        let db = try PollDatabase()
        let good = FakeMailbox(), bad = FakeMailbox()
        for n in 1...3 { good.append(message("good\(n)@x")) }
        bad.append(message("bad@x"))
        bad.fail(when: { $0 == "status" }, with: PollFailure(kind: .connect, message: "refused"), once: false)
        let observer = RecordingObserver()
        let goodPolls = Mutex(0)
        let (done, doneContinuation) = AsyncStream.makeStream(of: Void.self)
        func service(_ name: String, _ mailbox: FakeMailbox, onEvent: @escaping @Sendable (PollEvent) -> Void) -> MailboxPollService {
            MailboxPollService(
                poller: MailboxPoller(mailbox: name, store: db.database, observer: observer, logger: quietLogger),
                interval: .milliseconds(1), openSession: { FakeMailboxSession(mailbox) },
                backoff: PollBackoff(base: .milliseconds(1), cap: .milliseconds(2), authWait: .milliseconds(2)),
                onEvent: onEvent)
        }
        let services = [
            service("bad", bad) { _ in },
            service("good", good) { event in
                if case .polled = event, goodPolls.withLock({ $0 += 1; return $0 }) == 3 { doneContinuation.yield() }
            },
        ]
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            logger: quietLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = done.makeAsyncIterator()
            _ = await iterator.next()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(try db.storedMessageIDs() == ["good1@x", "good2@x", "good3@x"])
        #expect(observer.failed.contains { $0.0 == .connect })
        #expect(observer.succeeded >= 3)
    }
}

/// `MailboxPolling.pollers`, the poller factory of `crmservice run`.
@Suite struct RunPollersTests {
    @Test func onceEveryMailboxIsPolledOnceAndAFailingOneDoesNotStopTheOthers() async throws {
        let db = try PollDatabase()
        let token = try db.file("token", "t0ken\n")
        let mailboxes = ["alpha": FakeMailbox(), "beta": FakeMailbox(), "gamma": FakeMailbox()]
        mailboxes["alpha"]!.append(message("a@x"))
        mailboxes["gamma"]!.append(message("g@x"))
        mailboxes["beta"]!.fail(when: { $0 == "status" }, with: PollFailure(kind: .timeout, message: "slow"), once: false)
        let settings = mailboxes.keys.sorted().map {
            MailboxSettings(name: $0, url: "imaps://mail.example.com/\($0)", user: "crm", oauth2TokenFile: token)
        } + [MailboxSettings(name: "off", url: "imaps://mail.example.com/off", user: "crm", oauth2TokenFile: token,
                             enabled: false)]
        let observer = RecordingObserver()
        let context = PollerContext(configuration: ServiceConfiguration(mailboxes: settings), database: db.database,
                                    observer: observer, once: true, logger: quietLogger)
        let services = MailboxPolling.pollers(context) { settings, _, _ in FakeMailboxSession(mailboxes[settings.name]!) }
        #expect(services.count == 3)
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0, successTerminationBehavior: .ignore) }, logger: quietLogger))
        try await group.run() // returns once every poller has polled once
        #expect(try db.storedMessageIDs() == ["a@x", "g@x"])
        #expect(observer.succeeded == 2)
        #expect(observer.failed.map(\.0) == [.timeout])
    }
}
