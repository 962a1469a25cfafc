import CRMCore
import CRMServiceApp
import Foundation
import GRDB
import Testing
@testable import Capture
@testable import Store

/// The console's actions on the review queue (§5, §8): many ids at once, one transaction, audited with who acted.
@Suite("§5 §8 review queue: bulk actions")
struct ReviewQueueActionTests {
    let w: ReviewWorld
    init() throws { w = try ReviewWorld() }

    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func unknown(_ count: Int, from: String = "someone") throws -> [Int64] {
        try w.capture((0..<count).map {
            ReviewWorld.mail("u\($0)-\(from)@x", from: "\(from)\($0)@unknown.example", subject: "n\($0)")
        })
        return try w.openEntries().values.sorted()
    }

    @Test("§5 §8 bulk assign: every open id becomes an activity on the contact, each audited; closed ids are skipped")
    func bulkAssign() throws {
        let seed = ProcessInfo.processInfo.environment["TEST_SEED"].flatMap { UInt64($0) } ?? 20_261_204
        print("bulkAssign: seed \(seed) (TEST_SEED=\(seed) repeats it)")
        var rng = SplitMix(seed)
        let ids = try unknown(600)
        let chosen = Array(ids.shuffled(using: &rng).prefix(500))
        try w.queue.dismiss([chosen[0]], why: "spam", actor: "ann", at: now)
        let result = try w.queue.assign(chosen + [chosen[1]], to: ContactID("c7"), actor: "ben", at: now)
        #expect(result.skipped == [chosen[0]])
        #expect(result.done == Array(chosen.dropFirst()))
        let rows = try w.database.exportUnmatched()
        #expect(rows.filter { $0.status == "assigned" }.map(\.id).sorted() == chosen.dropFirst().sorted())
        #expect(rows.filter { $0.status == "open" }.count == 100)
        let activities = try w.db.objects(.activities)
        #expect(activities.count == 499 && activities.allSatisfy { $0["contacts"] as? [String] == ["c7"] })
        let log = try w.database.auditLog().filter { $0.action == "assign" }
        #expect(log.count == 499 && log.allSatisfy { $0.actor == "ben" && $0.detail == "contact c7" })
        #expect(Set(log.map(\.target)) == Set(chosen.dropFirst().map { "unmatched \($0)" }))
    }

    @Test("§5 §8 an unknown contact, a blank reason or no ids refuse the whole action and change nothing")
    func refusals() throws {
        let ids = try unknown(3)
        #expect(throws: ReviewRefusal(.unknownContact, "nobody")) {
            try w.queue.assign(ids, to: ContactID("nobody"), actor: "ann", at: now)
        }
        #expect(throws: ReviewRefusal(.blankReason, "")) { try w.queue.dismiss(ids, why: "  ", actor: "ann", at: now) }
        #expect(throws: ReviewRefusal(.noIDs, "")) { try w.queue.dismiss([], why: "x", actor: "ann", at: now) }
        #expect(try w.openEntries().count == 3)
        #expect(try w.audit().isEmpty)
    }

    @Test("§5 §8 bulk dismiss closes every open id with the reason, each audited")
    func bulkDismiss() throws {
        let ids = try unknown(4)
        let result = try w.queue.dismiss(Array(ids.prefix(3)), why: "newsletter", actor: "ann", at: now)
        #expect(result.done == Array(ids.prefix(3)) && result.skipped.isEmpty)
        let rows = try w.database.exportUnmatched()
        #expect(rows.filter { $0.status == "dismissed" }.allSatisfy { $0.dismissReason == "newsletter" })
        #expect(try w.openEntries().values.sorted() == [ids[3]])
        #expect(try w.audit() == ids.prefix(3).map { "ann dismiss unmatched \($0)" })
        #expect(try w.queue.item(.unmatched(ids[0]))?.actions.map(\.action) == ["dismiss"])
    }

    @Test("§5 §8 reprocess of chosen ids decides them again with today's address book")
    func reprocess() throws {
        try w.capture([ReviewWorld.mail("nora@x", from: "nora@initech.example.org", subject: "Hi")])
        let id = try #require(try w.openEntries()["nora@x"])
        _ = try ReferenceImporter(database: w.database).importFile(.contacts, path: Fixture.capture + "/contacts-later.csv")
        let summary = try w.queue.reprocess([id, 999], actor: "ann", at: now)
        #expect(summary.outcomes == [id: "activity"] && summary.skipped == [999])
        #expect(try w.audit() == ["ann reprocess unmatched \(id)"])
    }
}

/// A seeded generator, so a failing shuffle can be replayed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
