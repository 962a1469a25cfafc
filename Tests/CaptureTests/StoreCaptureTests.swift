import CRMCore
import CRMServiceApp
import Foundation
import GRDB
import Matching
import Testing
@testable import Capture
@testable import Store

@Suite struct StoreCaptureTests {
    let db: FreshDatabase
    init() throws { db = try FreshDatabase() }

    func count(_ table: String) throws -> Int {
        try db.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    func activity(contacts: [String] = []) -> ActivityRecord {
        ActivityRecord(direction: "incoming", contacts: contacts.map(ContactID.init), accounts: [], users: [],
                       orders: [], ownOrders: [], unresolvedOrders: [], inheritedFrom: nil, flags: [], threadParents: [])
    }

    @Test("the capture migrations are applied after the reference-data ones and create every capture table")
    func migrations() throws {
        let (applied, tables) = (try db.database.appliedMigrations(), try db.database.tableNames())
        // Order, not position: later issues append their own migrations after these.
        let v1 = applied.lastIndex { $0.hasPrefix("v1-") }, v2 = applied.firstIndex(of: "v2-address-book")
        #expect(v1 != nil && v2 != nil && v1! < v2!)
        #expect(applied.filter { $0.hasPrefix("v2-") } == ["v2-address-book", "v2-capture"])
        for table in ["contacts", "contact_addresses", "users", "user_addresses", "orders", "messages", "message_copies",
                      "sources", "thread_refs", "activities", "activity_contacts", "activity_accounts", "activity_users",
                      "activity_orders", "attachment_blobs", "activity_attachments", "unmatched", "mailbox_checkpoints",
                      "audit_log"] {
            #expect(tables.contains(table), "\(table)")
        }
    }

    @Test("attachments are stored once per content hash; the file name is data only")
    func attachmentsByHash() throws {
        let data: [UInt8] = Array("PDF bytes".utf8)
        let sha = SHA256Hex.of(data)
        try db.database.inCaptureTransaction { tx in
            for (n, name) in ["report.pdf", "../../etc/passwd"].enumerated() {
                let copy = RawCopy(sha256: SHA256Hex.of([UInt8(n)]), bytes: [UInt8(n)])
                let id = try tx.insertMessage(.messageID("m\(n)"), headline: MessageHeadline(messageID: "m\(n)", date: nil, subject: nil, from: nil), copy: copy)
                try tx.setOutcome(of: id, .activity(activity(), attachments: [
                    AttachmentRecord(filename: name, contentType: "application/pdf", sha256: sha, data: data)]), at: Date())
            }
        }
        #expect(try count("attachment_blobs") == 1)
        #expect(try count("activity_attachments") == 2)
        let names = try db.database.writer.read { try String.fetchAll($0, sql: "SELECT filename FROM activity_attachments ORDER BY filename") }
        #expect(names == ["../../etc/passwd", "report.pdf"])
    }

    @Test("the schema keeps one message row per identity and one activity per message")
    func uniqueness() throws {
        #expect(throws: (any Error).self) {
            try db.database.inCaptureTransaction { tx in
                let copy = RawCopy(sha256: String(repeating: "a", count: 64), bytes: [1])
                _ = try tx.insertMessage(.messageID("same"), headline: MessageHeadline(messageID: nil, date: nil, subject: nil, from: nil), copy: copy)
                _ = try tx.insertMessage(.messageID("same"), headline: MessageHeadline(messageID: nil, date: nil, subject: nil, from: nil), copy: copy)
            }
        }
        #expect(try count("messages") == 0)
    }

    @Test("raw bytes are kept with their SHA-256 checksum")
    func rawChecksum() throws {
        let bytes = Array("Subject: x\r\n\r\nbody\r\n".utf8)
        _ = try Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook()))
            .replay([try db.file("one.eml", String(decoding: bytes, as: UTF8.self))])
        let row = try db.database.writer.read { try Row.fetchOne($0, sql: "SELECT sha256, raw FROM message_copies") }
        let raw: Data = try #require(row)["raw"]
        #expect([UInt8](raw) == bytes)
        #expect(row?["sha256"] == SHA256Hex.of(bytes))
    }

    @Test("§4.8 the same bytes replayed twice: one message, the second is a duplicate")
    func sameBytesTwice() throws {
        let path = try db.file("one.eml", "Subject: x\r\n\r\nbody\r\n")
        let replayer = Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook()))
        let first = try replayer.replay([path])
        let second = try replayer.replay([path])
        #expect(first.duplicates == 0)
        #expect(second.duplicates == 1 && second.messages == 1)
        #expect(try count("messages") == 1)
        #expect(try count("sources") == 1)
    }

    @Test("crash safety: a batch that fails mid-way leaves nothing of that batch written")
    func failingBatch() throws {
        let paths = try (0..<5).map { try db.file("m\($0).eml", "Subject: \($0)\r\n\r\nbody \($0)\r\n") }
        let store = FailingStore(inner: db.database, failAt: 4)
        let replayer = Replayer(store: store, pipeline: CapturePipeline(book: AddressBook()), batchSize: 3)
        #expect(throws: InjectedFailure.self) { try replayer.replay(paths) }
        // The first batch (3 messages) was committed; of the second, whose second message failed, nothing.
        #expect(try count("messages") == 3)
        #expect(try count("sources") == 3)
        #expect(try count("unmatched") == 3)
        // Replaying again completes the work: three duplicates, two new.
        let again = try Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook())).replay(paths)
        #expect(again.duplicates == 3)
        #expect(try count("messages") == 5)
    }

    @Test("a checkpoint moves in the same transaction as the outcomes")
    func checkpointRollsBackWithOutcome() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.database.inCaptureTransaction { tx in
                try tx.advanceCheckpoint(MailboxCheckpoint(mailbox: "INBOX", uidValidity: 7, lastUID: 42))
                throw Boom()
            }
        }
        #expect(try count("mailbox_checkpoints") == 0)
        try db.database.inCaptureTransaction { try $0.advanceCheckpoint(MailboxCheckpoint(mailbox: "INBOX", uidValidity: 7, lastUID: 42)) }
        let stored = try db.database.inCaptureTransaction { try $0.checkpoint(of: "INBOX") }
        #expect(stored == MailboxCheckpoint(mailbox: "INBOX", uidValidity: 7, lastUID: 42))
    }

    @Test("§3 import contacts: addresses normalised and indexed; a bad row rejects the whole file")
    func importContacts() throws {
        try db.importFixtureBook()
        let book = try db.database.addressBook(policy: CapturePolicy())
        #expect(book.contacts(for: EmailAddress("INFO@acme.example.net")!) == [ContactID("c1"), ContactID("c2")])
        #expect(book.users(for: EmailAddress("Robert@Example.com")!) == [UserID("u2")])
        let bad = try db.file("contacts.csv", "id,account_id,name,email\r\nc9,A1,Ok,ok@x.example\r\nc10,A1,Bad,not-an-address\r\n")
        #expect(throws: ImportRejected.self) { try ReferenceImporter(database: db.database).importFile(.contacts, path: bad) }
        do {
            _ = try ReferenceImporter(database: db.database).importFile(.contacts, path: bad)
        } catch let error as ImportRejected {
            #expect(error.problems.map(\.line) == [3] && error.problems.first?.field == "email")
        }
        #expect(try db.database.exportContacts().count == 7)
    }

    @Test("§3 import orders and users: bad number, unknown account, unknown column")
    func importOrdersUsers() throws {
        try db.importFixtureBook()
        let importer = ReferenceImporter(database: db.database)
        for (kind, text, line, field) in [
            (ImportKind.orders, "number,account_id,description\r\n5,A1,x\r\n-3,A1,y\r\n", 3, "number"),
            (.orders, "number,account_id,description\r\n5,NOPE,x\r\n", 2, "account_id"),
            (.users, "id,name,email,extra\r\n", 1, "extra"),
            (.users, "id,name,email\r\nu9,N,\r\n", 2, "email"),
        ] as [(ImportKind, String, Int, String)] {
            let path = try db.file("\(kind.rawValue).csv", text)
            do {
                _ = try importer.importFile(kind, path: path)
                Issue.record("\(kind) accepted a bad file")
            } catch let error as ImportRejected {
                #expect(error.problems.count == 1)
                #expect(error.problems.first?.line == line && error.problems.first?.field == field)
            }
        }
        #expect(try db.database.exportOrders().count == 4)
        #expect(try db.database.exportUsers().count == 4)
        #expect(try db.export(.orders, format: .csv).hasPrefix("number,account_id,description\r\n1001,A1,Anvils\r\n"))
    }
}

/// A store whose transaction fails at the `failAt`-th captured message (counting from 1).
final class FailingStore: CaptureStore, @unchecked Sendable {
    let inner: AppDatabase
    let failAt: Int
    private var seen = 0

    init(inner: AppDatabase, failAt: Int) {
        self.inner = inner
        self.failAt = failAt
    }

    func addressBook(policy: CapturePolicy) throws -> AddressBook { try inner.addressBook(policy: policy) }

    func inCaptureTransaction<T>(_ body: (any CaptureTransaction) throws -> T) throws -> T {
        try inner.inCaptureTransaction { tx in try body(Failing(inner: tx, store: self)) }
    }

    func tick() throws {
        seen += 1
        if seen == failAt { throw InjectedFailure() }
    }

    struct Failing: CaptureTransaction {
        let inner: any CaptureTransaction
        let store: FailingStore
        func message(_ identity: MessageIdentity) throws -> StoredMessage? { try store.tick(); return try inner.message(identity) }
        func message(id: Int64) throws -> StoredMessage? { try inner.message(id: id) }
        func rawCopies(of message: Int64) throws -> [RawCopy] { try inner.rawCopies(of: message) }
        func threadActivities(of identity: MessageIdentity, parents: [MessageIdentity]) throws -> [(MessageIdentity, ActivityRecord)] {
            try inner.threadActivities(of: identity, parents: parents)
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
        func advanceCheckpoint(_ checkpoint: MailboxCheckpoint) throws { try inner.advanceCheckpoint(checkpoint) }
        func checkpoint(of mailbox: String) throws -> MailboxCheckpoint? { try inner.checkpoint(of: mailbox) }
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

struct InjectedFailure: Error {}

enum SHA256Hex {
    static func of(_ bytes: [UInt8]) -> String { CRMCore.SHA256.hexDigest(bytes) }
}

@Suite struct ThreadStoreTests {
    let db: FreshDatabase
    init() throws { db = try FreshDatabase() }

    func store(_ tx: any CaptureTransaction, _ id: String, parents: [String], orders: [Int64] = []) throws -> Int64 {
        let copy = RawCopy(sha256: SHA256Hex.of(Array(id.utf8)), bytes: Array(id.utf8))
        let message = try tx.insertMessage(.messageID(id), headline: MessageHeadline(messageID: id, date: nil, subject: nil, from: nil), copy: copy)
        let record = ActivityRecord(direction: "incoming", contacts: [], accounts: [], users: [],
                                    orders: orders.map(OrderNumber.init), ownOrders: orders.map(OrderNumber.init),
                                    unresolvedOrders: [], inheritedFrom: nil, flags: [],
                                    threadParents: parents.map { .messageID($0) })
        try tx.setOutcome(of: message, .activity(record, attachments: []), at: Date())
        return message
    }

    @Test("thread facts: every activity linked through references, any depth, both directions; unrelated ones not")
    func threadActivities() throws {
        try db.database.inCaptureTransaction { tx in
            _ = try store(tx, "root", parents: [], orders: [7])
            _ = try store(tx, "reply", parents: ["root"])
            _ = try store(tx, "reply2", parents: ["reply", "root"])
            _ = try store(tx, "sibling", parents: ["missing-parent", "root"])
            _ = try store(tx, "other", parents: [])
            // A message answering "reply" sees the whole thread, not "other".
            let found = try tx.threadActivities(of: .messageID("new"), parents: [.messageID("reply")]).map(\.0)
            #expect(Set(found) == Set(["root", "reply", "reply2", "sibling"].map { MessageIdentity.messageID($0) }))
            // A parent captured after its replies finds them (children direction).
            let children = try tx.threadActivities(of: .messageID("missing-parent"), parents: []).map(\.0)
            #expect(Set(children) == Set(["root", "reply", "reply2", "sibling"].map { MessageIdentity.messageID($0) }))
            let root = try #require(try tx.threadActivities(of: .messageID("x"), parents: [.messageID("root")])
                .first { $0.0 == .messageID("root") })
            #expect(root.1.ownOrders == [OrderNumber(7)])
        }
    }

    @Test("thread updates replace linked orders and flags; a re-decided activity keeps its id")
    func orderChangesAndStableIDs() throws {
        let before = try db.database.inCaptureTransaction { tx -> Int64 in
            let reply = try store(tx, "reply", parents: ["root"])
            try tx.applyOrderChanges([ActivityOrderChange(identity: .messageID("reply"), orders: [OrderNumber(9)],
                                                          inheritedFrom: .messageID("root"), flags: ["order_account_mismatch"])])
            return reply
        }
        let rows = try db.database.exportActivities()
        #expect(rows.map(\.record.orders) == [[OrderNumber(9)]])
        #expect(rows.map(\.record.flags) == [["order_account_mismatch"]])
        #expect(rows.map(\.threadID) == ["root"])
        try db.database.inCaptureTransaction { tx in
            let record = ActivityRecord(direction: "outgoing", contacts: [], accounts: [], users: [], orders: [],
                                        ownOrders: [], unresolvedOrders: [], inheritedFrom: nil, flags: [], threadParents: [])
            try tx.setOutcome(of: before, .activity(record, attachments: []), at: Date())
        }
        let after = try db.database.exportActivities()
        #expect(after.map(\.id) == rows.map(\.id))
        #expect(after.map(\.record.direction) == ["outgoing"])
    }
}
