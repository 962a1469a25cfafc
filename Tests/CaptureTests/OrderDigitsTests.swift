import CRMCore
import CRMServiceApp
import Foundation
import MailMIME
import Testing
@testable import Capture
@testable import Store

/// `Order:N` numbers that can be no order number: 0, and numbers too large for a 64-bit integer.
@Suite struct OrderDigitsTests {
    let db: FreshDatabase
    init() throws {
        db = try FreshDatabase()
        try db.importFixtureBook()
    }

    static let message = """
        Message-ID: <big-order@acme.example.net>\r
        From: Cathy Acme <cathy@acme.example.net>\r
        To: alice@example.com\r
        Subject: Order: 99999999999999999999 and Order:1001\r
        \r
        Order: 0\r
        Order: 000123456789012345678901234567890\r

        """

    @Test("§4.7 parse --json: an Order: number too large for an integer is in order_refs as a JSON number")
    func parseJSON() throws {
        let line = String(decoding: ParseReport.json(file: "m.eml", message: MIMEParser().parse(Array(Self.message.utf8))),
                          as: UTF8.self)
        #expect(line.contains("\"order_refs\":[1001,0,99999999999999999999,123456789012345678901234567890]"))
        #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
    }

    @Test("§4.7 export activities: Order:0 and numbers beyond 64 bits are unresolved_orders, as JSON numbers, not dropped")
    func exportUnresolved() throws {
        let summary = try ReplayService(database: db.database).replay([try db.file("m.eml", Self.message)], mailbox: "x")
        #expect(summary.activities == 1)
        let line = try #require(try db.export(.activities).split(separator: "\n").first)
        #expect(line.contains("\"orders\":[1001]"))
        #expect(line.contains("\"unresolved_orders\":[0,99999999999999999999,123456789012345678901234567890]"))
        #expect(try db.export(.activities, format: .csv).contains("0; 99999999999999999999; 123456789012345678901234567890"))
    }
}
