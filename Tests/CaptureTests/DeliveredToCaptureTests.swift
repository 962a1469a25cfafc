import CRMCore
import CRMServiceApp
import Foundation
import Testing
@testable import Capture

@Suite struct DeliveredToCaptureTests {
    let db: FreshDatabase
    init() throws {
        db = try FreshDatabase()
        try db.importFixtureBook()
    }

    @Test("§4.3 every Delivered-To counts: a user named only by a later hop makes the message an activity")
    func laterHopCounts() throws {
        // The first hop is the role address; carol (u3) is named by the second Delivered-To, alice (u1) by the
        // second X-Original-To.
        let text = """
            Delivered-To: team@example.com\r
            Delivered-To: carol@example.com\r
            X-Original-To: team@example.com\r
            X-Original-To: alice@example.com\r
            Message-ID: <hops@acme.example.net>\r
            From: Cathy Acme <cathy@acme.example.net>\r
            To: team@example.com\r
            Subject: hops\r
            \r
            x\r

            """
        let summary = try ReplayService(database: db.database).replay([try db.file("m.eml", text)], mailbox: "x")
        #expect(summary.activities == 1)
        let activity = try #require(try db.objects(.activities).first)
        #expect(activity["users"] as? [String] == ["u1", "u3"])
    }
}
