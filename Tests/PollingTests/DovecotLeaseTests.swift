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

/// Issue 14: several instances on one database (here one SQLite file) against a real Dovecot: each mailbox polled by
/// one instance at a time, every message captured once, a lost lease refused at commit, a dead holder taken over.
@Suite(.serialized, .enabled(if: Prerequisite.met(Dovecot.isAvailable), "needs Dovecot"))
struct DovecotLeaseTests {
    static let ttl: Duration = .seconds(5)
    static let generousWait: Duration = .seconds(60)

    init() throws {
        try Prerequisite.require(Dovecot.isAvailable, Dovecot.missing)
    }

    @Test("Issue 14: two instances on the same mailboxes: never both polling one, every message once, and after one stops the other takes over")
    func twoInstancesShareTheMailboxes() async throws {
        let dovecot = try Dovecot.shared()
        let world = try LeaseWorld(dovecot: dovecot, users: 2)
        let a = world.instance("a"), b = world.instance("b")
        for user in world.users { for n in 1...5 { try world.deliver(user, "first-\(n)") } }
        try await b.running {
            try await a.running {
                try await world.until("the first mail is captured") { try world.db.storedMessageIDs().count == 10 }
                for user in world.users { for n in 1...5 { try world.deliver(user, "second-\(n)") } }
                try await world.until("the second mail is captured") { try world.db.storedMessageIDs().count == 20 }
            }
            // a stopped (and released its leases): b polls both mailboxes now.
            for user in world.users { for n in 1...5 { try world.deliver(user, "third-\(n)") } }
            try await world.until("the third mail is captured") { try world.db.storedMessageIDs().count == 30 }
        }
        let ids = try world.db.storedMessageIDs()
        #expect(ids.count == 30 && Set(ids).count == 30)
        // One source a message: none was fetched and committed twice.
        #expect(try world.db.sources().count == 30)
        for mailbox in world.mailboxes {
            let polls = world.log.polls(of: mailbox)
            #expect(!polls.isEmpty)
            for first in polls {
                for second in polls where first.instance < second.instance {
                    #expect(first.end <= second.start || second.end <= first.start,
                            "\(mailbox) polled by both at once: \(first) and \(second)")
                }
            }
        }
        // The last mail came through b alone, after a had released.
        #expect(world.log.polls(of: world.mailboxes[0]).contains { $0.instance == "b" })
    }

    @Test("Issue 14: a lease taken over mid-poll: the holder's next commit is refused (LeaseLost), the new holder captures the rest, nothing doubled")
    func leaseLostMidPoll() throws {
        let dovecot = try Dovecot.shared()
        let world = try LeaseWorld(dovecot: dovecot, users: 1)
        let user = world.users[0], mailbox = world.mailboxes[0], key = LeaseKey.mailbox(mailbox)
        for n in 1...6 { try world.deliver(user, "m\(n)") }
        let store = world.db.database
        let held = try #require(try store.acquireLease(key, holder: InstanceName("a"), ttl: Self.ttl).lease)
        var poller = world.poller(mailbox)
        poller.fence = held.fence
        var asked = 0
        let failure = #expect(throws: PollFailure.self) {
            try poller.poll(try world.session(user), shouldStop: {
                asked += 1
                // Before the third message: b takes the lease, as after a's expiry.
                if asked == 3 {
                    _ = try? store.acquireLease(key, holder: InstanceName("b"), ttl: Self.ttl,
                                                now: Date().addingTimeInterval(60))
                }
                return false
            })
        }
        #expect(failure?.leaseLost?.holder == InstanceName("b"), "\(String(describing: failure))")
        #expect(try world.db.storedMessageIDs().count == 2)
        #expect(try world.db.checkpoint(mailbox)?.lastUID == 2)

        var next = world.poller(mailbox)
        next.fence = try #require(try store.leases().leases.first).fence
        let summary = try next.poll(try world.session(user))
        #expect(summary.outcomes.messages == 4)
        let ids = try world.db.storedMessageIDs()
        #expect(ids.count == 6 && Set(ids).count == 6)
        #expect(try world.db.sources().count == 6)
    }

    @Test("Issue 14: a holder that died (stopped renewing) is taken over once its lease expired, within ttl + one retry")
    func deadHolderTakenOver() async throws {
        let dovecot = try Dovecot.shared()
        let world = try LeaseWorld(dovecot: dovecot, users: 1)
        let mailbox = world.mailboxes[0]
        try world.deliver(world.users[0], "orphan")
        // a took the lease and died: nobody renews it.
        let dead = try #require(try world.db.database.acquireLease(.mailbox(mailbox), holder: InstanceName("a"), ttl: Self.ttl).lease)
        let started = Date()
        let b = world.instance("b")
        try await b.running {
            try await world.until("b captures the mailbox's mail") { try world.db.storedMessageIDs().count == 1 }
        }
        let first = try #require(world.log.polls(of: mailbox).first { $0.instance == "b" })
        #expect(first.start >= dead.expires.addingTimeInterval(-0.05), "b polled before a's lease expired")
        // Expiry, plus one retry period (ttl / 3), plus slack for a loaded machine.
        #expect(first.start.timeIntervalSince(started) <= Self.ttl.timeInterval * 4 / 3 + 10)
    }
}

/// Polls as the test sees them: who polled which mailbox from when to when.
final class LeaseLog: Sendable {
    struct Poll: Sendable, CustomStringConvertible {
        var instance: String, mailbox: String, start: Date, end: Date
        var description: String { "\(instance) \(start.timeIntervalSince1970)…\(end.timeIntervalSince1970)" }
    }

    private let state = Mutex<(open: [String: Date], polls: [Poll], refused: [String: Int])>(([:], [], [:]))

    func started(_ instance: String, _ mailbox: String) { state.withLock { $0.open["\(instance) \(mailbox)"] = Date() } }
    func ended(_ instance: String, _ mailbox: String) {
        state.withLock { state in
            guard let start = state.open.removeValue(forKey: "\(instance) \(mailbox)") else { return }
            state.polls.append(Poll(instance: instance, mailbox: mailbox, start: start, end: Date()))
        }
    }
    func refused(_ instance: String) { state.withLock { $0.refused[instance, default: 0] += 1 } }

    func polls(of mailbox: String) -> [Poll] { state.withLock { $0.polls.filter { $0.mailbox == mailbox } } }
    func refusals(of instance: String) -> Int { state.withLock { $0.refused[instance] ?? 0 } }
}

/// Dovecot users and one database shared by the instances of a test.
final class LeaseWorld: Sendable {
    let dovecot: Dovecot
    let db: PollDatabase
    let users: [String]
    let log = LeaseLog()
    var mailboxes: [String] { users.map { "box-\($0)" } }

    init(dovecot: Dovecot, users count: Int) throws {
        self.dovecot = dovecot
        db = try PollDatabase()
        users = try (0..<count).map { _ in try dovecot.makeUser("lease").name }
    }

    func settings(_ user: String) -> MailboxSettings {
        MailboxSettings(name: "box-\(user)", url: dovecot.url(), user: user, passwordFile: dovecot.passwordFile(user),
                        cacert: dovecot.cacert, intervalSeconds: 1)
    }

    func session(_ user: String) throws -> any MailboxSession {
        try MailboxPolling.imapSession(settings(user), try SecretFile.read(dovecot.passwordFile(user)), quietLogger)
    }

    func poller(_ mailbox: String) -> MailboxPoller {
        MailboxPoller(mailbox: mailbox, store: db.database, batchSize: 1, logger: quietLogger)
    }

    /// An instance polling every user's mailbox (IDLE on), lease ttl 5 s.
    func instance(_ name: String) -> LeaseInstance {
        let log = self.log
        let services = users.map { user in
            let settings = settings(user)
            let mailbox = settings.name
            return MailboxPolling.service(
                settings, database: db.database, logger: quietLogger,
                open: { settings, secret, logger in
                    log.started(name, mailbox)
                    return try MailboxPolling.imapSession(settings, secret, logger)
                },
                onEvent: { event in
                    switch event {
                    case .polled, .failed: log.ended(name, mailbox)
                    case .leaseHeldElsewhere: log.refused(name)
                    case .standby, .stopRequested: break
                    }
                },
                lease: LeaseKeeper(key: .mailbox(mailbox), holder: InstanceName(name), ttl: DovecotLeaseTests.ttl,
                                   store: db.database))
        }
        return LeaseInstance(services: services)
    }

    func deliver(_ user: String, _ id: String) throws {
        let file = db.directory.appendingPathComponent("\(user)-\(id).eml")
        let text = "From: someone@elsewhere.example\r\nTo: \(user)@crm.example\r\nSubject: lease\r\n"
            + "Message-ID: <\(user)-\(id)@lease.example>\r\nDate: Fri, 04 Dec 2026 12:00:00 +0000\r\n\r\nHello.\r\n"
        try Data(text.utf8).write(to: file)
        try dovecot.load(user, "INBOX", [file.path])
    }

    func until(_ what: String, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + DovecotLeaseTests.generousWait
        while ContinuousClock.now < deadline {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("not within \(DovecotLeaseTests.generousWait): \(what)")
        throw CancellationError()
    }
}

/// The poll services of one instance, run in a service group of their own.
struct LeaseInstance: Sendable {
    let services: [MailboxPollService]

    func running(_ body: () async throws -> Void) async throws {
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0, successTerminationBehavior: .ignore) },
            logger: Logger(label: "lease-test-group", factory: { _ in SwiftLogNoOpLogHandler() })))
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
}
