import Capture
import CRMCore
import CRMServiceApp
import Foundation
import IMAPClient
import Logging
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// IMAP IDLE against a real Dovecot (§11, issue 13): the poll interval is an hour, so mail captured within the
/// generous wait below was woken by IDLE, not by the interval.
@Suite(.serialized, .enabled(if: Prerequisite.met(Dovecot.isAvailable), "needs Dovecot"))
struct DovecotIdleTests {
    /// Far more than IDLE needs (well under a second here), far less than the hour-long interval.
    static let generousWait: Duration = .seconds(60)

    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
    }

    @Test("§11 A message delivered while the IDLE connection listens is captured long before the hour-long interval")
    func deliveredWhileIdleIsCaptured() async throws {
        let dovecot = try Dovecot.shared()
        let user = try dovecot.makeUser("idle")
        let run = try IdleRun(dovecot: dovecot, user: user.name, interval: 3600)
        try await run.running {
            try await run.until("the IDLE connection listens") { $0.idle.contains(.listening) }
            try run.deliver("first@idle.example")
            try await run.until("the message is captured") { _ in try run.db.storedMessageIDs() == ["first@idle.example"] }
            try run.deliver("second@idle.example")
            try await run.until("the second message is captured") { _ in try run.db.storedMessageIDs().count == 2 }
        }
        #expect(try run.db.storedMessageIDs() == ["first@idle.example", "second@idle.example"])
    }

    @Test("§11 Dovecot restarted under the IDLE connection: it reconnects and captures what arrived meanwhile")
    func reconnectsAfterRestart() async throws {
        let dovecot = try Dovecot()
        let run = try IdleRun(dovecot: dovecot, user: "corporate", interval: 3600)
        try await run.running {
            try await run.until("the IDLE connection listens") { $0.idle.contains(.listening) }
            try dovecot.stop()
            try run.deliver("meanwhile@idle.example")
            try dovecot.start()
            try await run.until("the message that arrived meanwhile is captured") { _ in
                try run.db.storedMessageIDs() == ["meanwhile@idle.example"]
            }
        }
        let events = run.log.state.withLock { $0.idle }
        #expect(events.filter { $0 == .listening }.count >= 2, "\(events)")
        #expect(events.contains { if case .lost = $0 { true } else { false } }, "\(events)")
    }

    @Test("§11 In standby a change reported by IDLE wakes the poll, which captures nothing")
    func standbyStopsCapture() async throws {
        let dovecot = try Dovecot.shared()
        let user = try dovecot.makeUser("idle")
        let run = try IdleRun(dovecot: dovecot, user: user.name, interval: 3600)
        try await run.running {
            try await run.until("the IDLE connection listens") { $0.idle.contains(.listening) }
            try run.db.database.setSchedulerMode(.standby, at: Date())
            try run.deliver("standby@idle.example")
            try await run.until("the woken poll sees standby") { $0.standbyPolls > 0 }
        }
        #expect(try run.db.storedMessageIDs().isEmpty)
    }

    @Test("§11 A server that does not advertise IDLE: no IDLE connection, mail captured by interval polling")
    func noIdleAdvertisedMeansPollingOnly() async throws {
        let dovecot = try Dovecot(imapCapability: Dovecot.capabilities(without: ["IDLE"]))
        let run = try IdleRun(dovecot: dovecot, user: "corporate", interval: 1)
        try await run.running {
            try await run.until("the watcher gives up on IDLE") { $0.idle.contains(.stopped) }
            try run.deliver("polled@idle.example")
            try await run.until("the interval poll captures it") { _ in
                try run.db.storedMessageIDs() == ["polled@idle.example"]
            }
        }
        let events = run.log.state.withLock { $0.idle }
        #expect(events == [.unavailable("IDLE not advertised"), .stopped], "\(events)")
    }
}

final class EventLog: Sendable {
    let state = Mutex(IdleRun.Events())
}

/// One mailbox's poll service with IDLE on a Dovecot user, its events recorded.
final class IdleRun: Sendable {
    struct Events {
        var idle: [IdleEvent] = []
        var standbyPolls = 0
    }

    let dovecot: Dovecot
    let user: String
    let db: PollDatabase
    let service: MailboxPollService
    let log = EventLog()
    private let directory: URL

    init(dovecot: Dovecot, user: String, interval: Int) throws {
        self.dovecot = dovecot
        self.user = user
        db = try PollDatabase()
        directory = db.directory
        let settings = MailboxSettings(name: "idle", url: dovecot.url(), user: user,
                                       passwordFile: dovecot.passwordFile(user), cacert: dovecot.cacert,
                                       intervalSeconds: interval)
        let log = self.log
        var logger = Logger(label: "idle-test")
        logger.logLevel = .critical
        service = MailboxPolling.service(
            settings, database: db.database, logger: logger,
            onEvent: { if case .standby = $0 { log.state.withLock { $0.standbyPolls += 1 } } },
            onIdleEvent: { event in log.state.withLock { $0.idle.append(event) } })
    }

    /// A message with `id` written into the user's INBOX, as a delivery would.
    func deliver(_ id: String) throws {
        let file = directory.appendingPathComponent("\(id).eml")
        let text = "From: someone@elsewhere.example\r\nTo: \(user)@crm.example\r\nSubject: idle\r\n"
            + "Message-ID: <\(id)>\r\nDate: Fri, 04 Dec 2026 12:00:00 +0000\r\n\r\nHello.\r\n"
        try Data(text.utf8).write(to: file)
        try dovecot.load(user, "INBOX", [file.path])
    }

    /// Runs the service during `body`, then shuts it down gracefully.
    func running(_ body: () async throws -> Void) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
            logger: Logger(label: "idle-test-group", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do { try await body() } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Waits until `condition` holds, checking every 50 ms; fails after `DovecotIdleTests.generousWait`.
    func until(_ what: String, _ condition: (Events) throws -> Bool) async throws {
        let deadline = ContinuousClock.now + DovecotIdleTests.generousWait
        while ContinuousClock.now < deadline {
            if try condition(log.state.withLock { $0 }) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("not within \(DovecotIdleTests.generousWait): \(what); events \(log.state.withLock { $0.idle })")
        throw CancellationError()
    }
}
