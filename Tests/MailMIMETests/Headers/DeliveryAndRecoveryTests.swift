import Testing
@testable import MailMIME

@Suite("§4.3 delivery headers and addresses inside broken names")
struct DeliveryAndRecoveryTests {
    @Test("§4.3 every Delivered-To and X-Original-To counts: each hop adds one, all are read in header order")
    func everyDeliveryHeader() {
        let message = MIMEParser().parse(Array("""
            Delivered-To: crm@company.example\r
            X-Original-To: team@company.example\r
            Delivered-To: anna@company.example\r
            X-Original-To: sales@company.example, bob@company.example\r
            From: carl@acme.example\r
            Subject: hops\r
            \r
            body\r

            """.utf8))
        #expect(message.deliveredTo.map(\.address) == ["crm@company.example", "anna@company.example"])
        #expect(message.xOriginalTo.map(\.address) == ["team@company.example", "sales@company.example", "bob@company.example"])
        #expect(message.to.isEmpty)
    }

    static func parse(_ raw: String) -> [String] {
        var defects: [MIMEDefect] = []
        return AddressListParser.parse(Array(raw.utf8)[...], options: MIMEParser.Options(), defects: &defects)
            .map { "\($0.name ?? "nil")|\($0.address)" }
    }

    @Test("§4.3 an address-looking token inside a broken display name is recovered as an address", arguments: [
        ("a@x.example =?utf-8?q?=2C?= b@y.example", ["nil|a@x.example", "nil|b@y.example"]),
        ("a@x.example b@y.example", ["nil|a@x.example", "nil|b@y.example"]),
        ("Ann a@x.example Bob b@y.example (team)", ["Ann|a@x.example", "Bob (team)|b@y.example"]),
        ("a@x.example =?utf-8?q?=2C?= b@y.example, c@z.example", ["nil|a@x.example", "nil|b@y.example", "nil|c@z.example"]),
    ])
    func recoveredAddresses(raw: String, expected: [String]) {
        #expect(Self.parse(raw) == expected)
    }

    @Test("§4.3 a name with one address and an @ that is no address stays one mailbox", arguments: [
        ("John Doe john@x.example", ["John Doe|john@x.example"]),
        ("Support @ Acme support@acme.example", ["Support @ Acme|support@acme.example"]),
    ])
    func oneAddressStaysOne(raw: String, expected: [String]) {
        #expect(Self.parse(raw) == expected)
    }

    @Test("§4.3 a To: with two people behind a broken encoded comma names both")
    func brokenCommaInMessage() {
        let message = MIMEParser().parse(Array("From: c@acme.example\r\nTo: a@x.example =?utf-8?q?=2C?= b@y.example\r\n\r\nx\r\n".utf8))
        #expect(message.to.map(\.address) == ["a@x.example", "b@y.example"])
    }
}
