import CRMCore
import CRMServiceApp
import Foundation
import Testing
@testable import Capture
@testable import Store

/// Activities flagged `privacy_review` (§12: a later copy named a never-capture address) in the console (§8).
@Suite("§12 §8 review queue: privacy review")
struct ReviewPrivacyTests {
    let policy = CapturePolicy(neverCaptureDomains: ["secret.example"])
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func flagged(_ w: ReviewWorld) throws -> Int64 {
        try w.capture([ReviewWorld.mail("q@x", from: "cathy@acme.example.net", subject: "Quote")])
        try w.capture([ReviewWorld.mail("q@x", from: "cathy@acme.example.net", cc: "spy@secret.example",
                                        subject: "Quote")], mailbox: "bcc")
        let listing = try w.queue.items(ReviewFilter(category: .privacyReview))
        #expect(listing.total == 1 && listing.items.first?.reason == "privacy_review")
        return try #require(listing.items.first?.ref.id)
    }

    @Test("§12 §8 a flagged activity is listed with its raw message; keep clears the flag, audited")
    func keep() throws {
        let w = try ReviewWorld(policy: policy)
        let id = try flagged(w)
        let detail = try #require(try w.queue.item(.activity(id)))
        #expect(detail.status == "flagged" && detail.copies == 2 && detail.captureTrail.contains("spy@secret.example"))
        #expect(try w.queue.rawMessage(.activity(id)) != nil)
        #expect(try w.queue.settlePrivacyReview([id, id + 50], .keep, actor: "ann", at: now)
                == ReviewActionResult(done: [id], skipped: [id + 50]))
        #expect(try w.queue.items(ReviewFilter(category: .privacyReview)).total == 0)
        #expect(try w.db.objects(.activities).first?["flags"] as? [String] == [])
        #expect(try w.queue.item(.activity(id))?.status == "kept")
        #expect(try w.audit() == ["ann privacy-keep activity \(id)"])
    }

    @Test("§4.9 §12 §8 exclude removes the activity as §4.9 would; a copy arriving later stays excluded")
    func exclude() throws {
        let w = try ReviewWorld(policy: policy)
        let id = try flagged(w)
        #expect(try w.queue.settlePrivacyReview([id], .exclude, actor: "ann", at: now).done == [id])
        #expect(try w.db.objects(.activities).isEmpty)
        #expect(try w.capture([ReviewWorld.mail("q@x", from: "cathy@acme.example.net", subject: "Quote")]) == [.duplicate])
        #expect(try w.db.objects(.activities).isEmpty)
        #expect(try w.audit() == ["ann privacy-exclude activity \(id)"])
    }
}
