import Capture
import CRMCore
import Foundation
import IMAPClient
import Testing
@testable import Store

/// §12 `unprocessable` in `MailboxPoller`, for faults a real server or database cannot be made to produce on demand:
/// a capture step that throws for one message, and failures that say the server or the database is unavailable.
@Suite struct MailboxPollerLimitsTests {
    let db: PollDatabase
    let server = FakeMailbox()

    init() throws { db = try PollDatabase() }

    func poller(_ store: any CaptureStore, mailbox: String = "box", batchSize: Int = 50) -> MailboxPoller {
        MailboxPoller(mailbox: mailbox, store: store, batchSize: batchSize, observer: RecordingObserver(), logger: quietLogger)
    }

    func attempts() throws -> Int {
        try db.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM capture_attempts") ?? 0 }
    }

    @Test("§12 three capture failures of a message's own make it unprocessable with its bytes; the others are kept")
    func captureFailsForOneMessage() throws {
        for n in 1...4 { server.append(message("m\(n)@x")) }
        let store = PoisonedStore(base: db.database, poisoned: .messageID("m2@x"))
        for attempt in 1...2 {
            #expect {
                try poller(store).poll(FakeMailboxSession(server))
            } throws: { error in
                let failure = error as! PollFailure
                return failure.kind == .store && failure.message.contains("capturing UID 2")
                    && failure.message.contains("failure \(attempt) of 3")
            }
            #expect(try db.checkpoint("box")?.lastUID == 1) // m1 is kept, batch or not
        }
        let summary = try poller(store).poll(FakeMailboxSession(server))
        #expect(summary.outcomes.messages == 3 && summary.outcomes.unmatched == [.unprocessable: 1, .unknownSender: 2])
        #expect(try db.checkpoint("box")?.lastUID == 4)
        #expect(try attempts() == 0)
        let entry = try #require(try db.database.exportUnmatched().first { $0.reason == "unprocessable" })
        #expect(entry.messageID == "m2@x")
        #expect(entry.audit.contains("§12 capture failed 3 times") && entry.audit.contains("capturing UID 2"))
        #expect(try db.database.unmatchedEntry(entry.id)?.copies.map(\.bytes) == [message("m2@x")])
        #expect(try poller(db.database).poll(FakeMailboxSession(server)).outcomes.messages == 0)
    }

    @Test("§12 the database's unavailability never counts towards unprocessable")
    func storeUnavailable() throws {
        for n in 1...2 { server.append(message("m\(n)@x")) }
        for _ in 1...4 {
            #expect {
                try poller(FailingStore(base: db.database, failAt: 1)).poll(FakeMailboxSession(server))
            } throws: { ($0 as! PollFailure).kind == .store }
        }
        #expect(try attempts() == 0)
        let summary = try poller(db.database).poll(FakeMailboxSession(server))
        #expect(summary.outcomes.messages == 2 && summary.outcomes.unmatched == [.unknownSender: 2])
    }

    @Test("§12 a fetch that times out, or fails while the server no longer answers, never counts")
    func serverUnavailable() throws {
        for n in 1...3 { server.append(message("m\(n)@x")) }
        server.fail(when: { $0 == "fetch 2" }, with: IMAPError(kind: .timeout, message: "timed out"), once: false)
        for _ in 1...4 {
            #expect { try poller(db.database).poll(FakeMailboxSession(server)) } throws: { ($0 as! PollFailure).kind == .timeout }
        }
        #expect(try attempts() == 0)
        #expect(try db.checkpoint("box")?.lastUID == 1)

        // A protocol failure after which STATUS fails too is the server's, not the message's.
        let down = FakeMailbox()
        down.append(message("d1@x"))
        var statusCalls = 0
        down.fail(when: { $0 == "fetch 1" }, with: IMAPError(kind: .protocolError, message: "connection dropped"), once: false)
        down.fail(when: { call in
            guard call == "status" else { return false }
            statusCalls += 1
            return statusCalls > 1 // the poll's own STATUS answers; the probe after the failed fetch does not
        }, with: IMAPError(kind: .connect, message: "refused"), once: false)
        #expect { try poller(db.database, mailbox: "down").poll(FakeMailboxSession(down)) } throws: { ($0 as! PollFailure).kind == .protocolError }
        #expect(try attempts() == 0)
    }
}

extension MailboxPollerLimitsTests {
    @Test("§12 a server that refuses RFC822.SIZE is asked a few times a batch, not once a message; the limit still holds")
    func sizesRefused() throws {
        for n in 1...6 { server.append(message("m\(n)@x")) }
        server.append(message("big@x") + Array(repeating: UInt8(ascii: "z"), count: 5_000))
        let session = NoSizesSession(FakeMailboxSession(server))
        let poller = MailboxPoller(mailbox: "box", store: db.database, batchSize: 50, maxMessageBytes: 2_000,
                                   observer: RecordingObserver(), logger: quietLogger)
        let summary = try poller.poll(session)
        #expect(summary.outcomes.messages == 7 && summary.outcomes.unmatched == [.unknownSender: 6, .tooLarge: 1])
        #expect(session.sizeRequests == 4) // the batch, then three UIDs one by one
        #expect(try attempts() == 0)
    }
}

/// A session whose server answers every RFC822.SIZE request with BAD.
final class NoSizesSession: MailboxSession {
    let inner: FakeMailboxSession
    private(set) var sizeRequests = 0
    init(_ inner: FakeMailboxSession) { self.inner = inner }

    func sizes(of uids: [MessageUID]) throws -> [MessageUID: Int] {
        sizeRequests += 1
        throw IMAPError(kind: .protocolError, message: "BAD unknown fetch attribute")
    }
    func capabilities() throws -> Set<String> { try inner.capabilities() }
    func status() throws -> MailboxStatus { try inner.status() }
    func uids(after uid: MessageUID, through last: MessageUID) throws -> [MessageUID] {
        try inner.uids(after: uid, through: last)
    }
    func uids(since day: String, through last: MessageUID) throws -> [MessageUID] {
        try inner.uids(since: day, through: last)
    }
    func fetch(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8] { try inner.fetch(uid, uidValidity: uidValidity) }
    func isSeen(_ uid: MessageUID) throws -> Bool { try inner.isSeen(uid) }
    func setSeen(_ seen: Bool, _ uid: MessageUID) throws { try inner.setSeen(seen, uid) }
    func move(_ uid: MessageUID, to folder: String) throws { try inner.move(uid, to: folder) }
}

/// The fixture database with a capture step that throws for one message (its thread lookup), as a bug or a corrupt
/// record of that message would.
final class PoisonedStore: CaptureStore, @unchecked Sendable {
    let base: AppDatabase
    let poisoned: MessageIdentity

    init(base: AppDatabase, poisoned: MessageIdentity) {
        self.base = base
        self.poisoned = poisoned
    }

    struct Poisoned: Error, CustomStringConvertible {
        var description: String { "the thread of this message cannot be read" }
    }

    func addressBook(policy: CapturePolicy) throws -> AddressBook { try base.addressBook(policy: policy) }

    func inCaptureTransaction<T>(_ body: (any CaptureTransaction) throws -> T) throws -> T {
        try base.inCaptureTransaction { tx in try body(Transaction(inner: tx, poisoned: poisoned)) }
    }

    func isUnavailability(_ error: any Error) -> Bool { base.isUnavailability(error) }

    struct Transaction: CaptureTransaction {
        let inner: any CaptureTransaction
        let poisoned: MessageIdentity
        func message(_ identity: MessageIdentity) throws -> StoredMessage? { try inner.message(identity) }
        func message(id: Int64) throws -> StoredMessage? { try inner.message(id: id) }
        func rawCopies(of message: Int64) throws -> [RawCopy] { try inner.rawCopies(of: message) }
        func threadActivities(of identity: MessageIdentity, parents: [MessageIdentity]) throws -> [(MessageIdentity, ActivityRecord)] {
            if identity == poisoned { throw Poisoned() }
            return try inner.threadActivities(of: identity, parents: parents)
        }
        func insertMessage(_ identity: MessageIdentity, headline: MessageHeadline, copy: RawCopy) throws -> Int64 {
            try inner.insertMessage(identity, headline: headline, copy: copy)
        }
        func activity(of message: Int64) throws -> ActivityRecord? { try inner.activity(of: message) }
        func addLinks(toActivityOf message: Int64, _ activity: ActivityRecord) throws {
            try inner.addLinks(toActivityOf: message, activity)
        }
        func addCopy(to message: Int64, copy: RawCopy) throws { try inner.addCopy(to: message, copy: copy) }
        func addSource(to message: Int64, source: MessageSource, copySHA256: String) throws -> Bool {
            try inner.addSource(to: message, source: source, copySHA256: copySHA256)
        }
        func setOutcome(of message: Int64, _ outcome: StoredOutcome, at time: Date) throws {
            try inner.setOutcome(of: message, outcome, at: time)
        }
        func applyOrderChanges(_ changes: [ActivityOrderChange]) throws { try inner.applyOrderChanges(changes) }
        func checkpoint(of mailbox: String) throws -> MailboxCheckpoint? { try inner.checkpoint(of: mailbox) }
        func advanceCheckpoint(_ checkpoint: MailboxCheckpoint) throws { try inner.advanceCheckpoint(checkpoint) }
        func appendAudit(_ entry: AuditLogEntry) throws { try inner.appendAudit(entry) }
        func openUnmatchedMessages(entries: [Int64]?) throws -> [(entry: Int64, message: Int64)] {
            try inner.openUnmatchedMessages(entries: entries)
        }
        func unmatchedEntry(_ entry: Int64) throws -> (message: Int64, status: String)? { try inner.unmatchedEntry(entry) }
        func closeUnmatched(_ entry: Int64, status: String, contact: ContactID?, why: String?, at time: Date) throws {
            try inner.closeUnmatched(entry, status: status, contact: contact, why: why, at: time)
        }
        func unmatchedReason(of message: Int64) throws -> String? { try inner.unmatchedReason(of: message) }
        func recordCaptureAttempt(_ attempt: CaptureAttempt, error: String, at time: Date) throws -> Int {
            try inner.recordCaptureAttempt(attempt, error: error, at: time)
        }
        func countCaptured(_ outcome: PolledOutcome, at time: Date) throws { try inner.countCaptured(outcome, at: time) }
        func forgetCaptureAttempts(coveredBy checkpoint: MailboxCheckpoint) throws {
            try inner.forgetCaptureAttempts(coveredBy: checkpoint)
        }
    }
}
