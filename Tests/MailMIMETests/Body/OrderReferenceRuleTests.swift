import Testing
@testable import MailMIME

private func refs(subject: String? = nil, body: String = "") -> [Int64] {
    var defects: [MIMEDefect] = []
    return OrderReferenceScanner.scan(subject: subject, body: body, defects: &defects)
}

/// INTERFACE.md §4 rule 7, one test per clause.
@Suite("§4 rule 7 Order:N references")
struct OrderReferenceRuleTests {
    @Test(arguments: ["Order:5", "order:5", "ORDER:5", "oRdEr:5"])
    func theWordIsCaseInsensitive(subject: String) {
        #expect(refs(subject: subject) == [5])
    }

    @Test(arguments: [("Order: 5", [Int64(5)]), ("Order:\t5", [5]), ("Order: \t  5", [5]), ("Order :5", []),
                      ("Order\t:5", [])])
    func optionalBlanksAfterTheColonOnly(subject: String, expected: [Int64]) {
        #expect(refs(subject: subject) == expected)
    }

    @Test(arguments: [("Order:", [Int64]()), ("Order: x", []), ("Order:007", [7]), ("Order:1234567890", [1_234_567_890])])
    func nIsDigits(subject: String, expected: [Int64]) {
        #expect(refs(subject: subject) == expected)
    }

    @Test(arguments: [("XOrder:1", [Int64]()), ("1Order:1", []), ("éOrder:1", []), ("x-Order:1", [1]), ("(Order:1)", [1]),
                      ("_Order:1", [1])])
    func notGluedToALetterOrDigitBefore(subject: String, expected: [Int64]) {
        #expect(refs(subject: subject) == expected)
    }

    @Test(arguments: [("Order:12a", [Int64]()), ("Order:12é", []), ("Order:1", [1]), ("Order:1.", [1]), ("Order:1,2", [1]),
                      ("Order:12 a", [12])])
    func notGluedToALetterOrDigitAfter(subject: String, expected: [Int64]) {
        #expect(refs(subject: subject) == expected)
    }

    @Test func anywhereInTheSubject() {
        #expect(refs(subject: "Re: delivery for Order:12 and order: 13, see Order:12") == [12, 13])
    }

    @Test func bodyOnlyWhenAloneOnALine() {
        #expect(refs(body: "Hello\nOrder:1\nabout Order:2 today\nOrder:3 is late\n") == [1])
    }

    @Test func bodyBlanksAroundAllowed() {
        #expect(refs(body: "  Order:4\t \n\tOrder: 5  ") == [4, 5])
    }

    @Test func bodyQuotedLinesDoNotCount() {
        #expect(refs(body: "> Order:6\n  >Order:7\n>> Order:8\nOrder:9") == [9])
    }

    @Test func bodyTwoReferencesOnOneLineAreNotAlone() {
        #expect(refs(body: "Order:1 Order:2") == [])
    }

    @Test func firstAppearanceOrderWithoutRepeatsSubjectFirst() {
        #expect(refs(subject: "Order:3 Order:1", body: "Order:2\nOrder:3\nOrder:2") == [3, 1, 2])
    }

    @Test("§4.7 an Order: number too large for an integer is an unresolved reference, not dropped")
    func numbersBeyondInt64AreKeptByTheirDigits() {
        var defects: [MIMEDefect] = []
        let found = OrderReferenceScanner.references(
            subject: "Order:99999999999999999999 Order:9223372036854775807 Order:0099999999999999999999",
            body: "Order:9223372036854775808", defects: &defects)
        #expect(found.numbers == [Int64.max])
        #expect(found.large == ["99999999999999999999", "9223372036854775808"])
        #expect(defects == [.orderNumberOutOfRange])
        let parsed = MIMEParser().parse(Array("Subject: Order: 123456789012345678901234567890\r\n\r\nx\r\n".utf8))
        #expect(parsed.orderRefs.isEmpty && parsed.largeOrderRefs == ["123456789012345678901234567890"])
    }

    @Test func crlfLineEndsInBodyAreTolerated() {
        #expect(refs(body: "x\r\nOrder:10\r\n") == [10])
    }

    @Test func htmlBodyIsReadAsItsText() {
        let message = TestSupport.parse("""
            From: a@example.com
            Subject: hi
            Content-Type: text/html

            <p>Thanks!</p><p>Order:77</p><blockquote>Order:78 quoted in html</blockquote>
            """)
        #expect(message.textIsFromHTML)
        #expect(message.orderRefs == [77])
    }
}
