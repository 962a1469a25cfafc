import CRMCore
import Foundation
import Testing
@testable import Store

/// Issue 14: the lease rules of `LeaseStore` on a real SQLite file, times passed explicitly (no waiting).
@Suite struct LeaseStoreTests {
    let db: TestDatabase
    let key = LeaseKey.mailbox("sales")
    let a = InstanceName("a"), b = InstanceName("b")
    let ttl: Duration = .seconds(30)
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws { db = try TestDatabase() }

    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    @Test("Issue 14: a free lease is taken (token 1, expiry now + ttl); its holder renews it (same token, later expiry)")
    func acquireFreeThenRenew() throws {
        let first = try #require(try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(0)).lease)
        #expect(first.holder == a && first.token == 1 && first.acquired == at(0) && first.expires == at(30))
        let renewed = try #require(try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(10)).lease)
        #expect(renewed.token == 1 && renewed.acquired == at(0) && renewed.expires == at(40))
    }

    @Test("Issue 14: while one instance holds a lease another is refused and told who holds it until when")
    func refusedWhileHeld() throws {
        _ = try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(0))
        #expect(try db.database.acquireLease(key, holder: b, ttl: ttl, now: at(29.9)) == .heldByOther(holder: a, expires: at(30)))
        #expect(try db.database.leases().leases.map(\.holder) == [a])
    }

    @Test("Issue 14: an expired lease is taken by another instance with a higher token; the old holder is then refused")
    func takenAfterExpiry() throws {
        _ = try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(0))
        let taken = try #require(try db.database.acquireLease(key, holder: b, ttl: ttl, now: at(30)).lease)
        #expect(taken.holder == b && taken.token == 2 && taken.acquired == at(30) && taken.expires == at(60))
        #expect(try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(31)) == .heldByOther(holder: b, expires: at(60)))
    }

    @Test("Issue 14: a released lease is free at once; taking it again raises the token, even for the same instance")
    func release() throws {
        _ = try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(0))
        try db.database.releaseLease(key, holder: b, now: at(1)) // not b's: nothing happens
        #expect(try db.database.acquireLease(key, holder: b, ttl: ttl, now: at(2)) == .heldByOther(holder: a, expires: at(30)))
        try db.database.releaseLease(key, holder: a, now: at(3))
        let table = try db.database.leases()
        #expect(table.leases.count == 1 && table.leases[0].expires == at(3))
        let again = try #require(try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(4)).lease)
        #expect(again.token == 2 && again.acquired == at(4))
    }

    @Test("Issue 14: an own lease taken back after it expired gets a new token: transactions fenced by the old one fail")
    func ownExpiredLeaseGetsNewToken() throws {
        let old = try #require(try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(0)).lease)
        let back = try #require(try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(45)).lease)
        #expect(back.token == old.token + 1)
        #expect(throws: LeaseLost(fence: old.fence, holder: a, token: back.token)) {
            try db.database.inCaptureTransaction { try $0.requireLease(old.fence) }
        }
        try db.database.inCaptureTransaction { try $0.requireLease(back.fence) }
    }

    @Test("Issue 14: requireLease rolls the capture transaction back once another instance holds the lease")
    func requireLeaseRollsBack() throws {
        let mine = try #require(try db.database.acquireLease(key, holder: a, ttl: ttl, now: at(0)).lease)
        _ = try db.database.acquireLease(key, holder: b, ttl: ttl, now: at(31))
        #expect(throws: LeaseLost.self) {
            try db.database.inCaptureTransaction { tx in
                try tx.advanceCheckpoint(MailboxCheckpoint(mailbox: "sales", uidValidity: 1, lastUID: 9))
                try tx.requireLease(mine.fence)
            }
        }
        #expect(try db.database.inCaptureTransaction { try $0.checkpoint(of: "sales") } == nil)
    }

    @Test("Issue 14: the lease table lists every key with its holder and whether it is held at the database's time")
    func table() throws {
        _ = try db.database.acquireLease(.calendar(UserID("u1")), holder: b, ttl: .seconds(3600), now: Date())
        _ = try db.database.acquireLease(key, holder: a, ttl: ttl, now: Date().addingTimeInterval(-3600))
        let table = try db.database.leases()
        #expect(table.leases.map(\.key.rawValue) == ["calendar:u1", "mailbox:sales"])
        #expect(table.held.map(\.holder) == [b])
    }
}
