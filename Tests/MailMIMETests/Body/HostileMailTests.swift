import Foundation
import Testing
@testable import MailMIME

/// Mail built to hurt parsers: limits come from `MIMEParser.Options`, and nothing may crash or hang.
@Suite("Hostile mail within Options limits")
struct HostileMailTests {
    /// `levels` multiparts nested inside each other, each with its own boundary, innermost a text part.
    static func nested(_ levels: Int) -> [UInt8] {
        var bytes = Array("From: deep@example.com\r\nSubject: deep\r\n".utf8)
        for level in 0..<levels {
            bytes += Array("Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n".utf8)
        }
        bytes += Array("Content-Type: text/plain\r\n\r\ninnermost\r\n".utf8)
        for level in (0..<levels).reversed() { bytes += Array("\r\n--b\(level)--\r\n".utf8) }
        return bytes
    }

    @Test(.enabled(if: TestSupport.headerHalfReady), arguments: [1, 10, 31])
    func nestingWithinTheLimitReachesTheText(levels: Int) {
        let message = MIMEParser().parse(Self.nested(levels))
        #expect(message.text == "innermost\n")
        #expect(!message.defects.contains(.nestingTooDeep))
    }

    @Test(.enabled(if: TestSupport.headerHalfReady))
    func nestingBeyondTheLimitIsKeptOpaque() {
        var options = MIMEParser.Options()
        options.maxDepth = 5
        let message = MIMEParser(options: options).parse(Self.nested(20))
        #expect(message.defects.contains(.nestingTooDeep))
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.contentType == "multipart/mixed")
        #expect(message.text.isEmpty)
    }

    @Test func hundredThousandNestedPartsDoNotOverflowTheStack() {
        let message = MIMEParser().parse(Self.nested(100_000))
        #expect(message.subject == "deep")
    }

    @Test(.enabled(if: TestSupport.headerHalfReady))
    func partCountIsLimited() {
        var body = "From: many@example.com\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
        for i in 0..<50 { body += "--m\r\nContent-Type: application/octet-stream; name=\"f\(i)\"\r\n\r\nx\r\n" }
        body += "--m--\r\n"
        var options = MIMEParser.Options()
        options.maxParts = 11
        let message = MIMEParser(options: options).parse(Array(body.utf8))
        #expect(message.defects.contains(.tooManyParts))
        #expect(message.attachments.count == 10, "the top entity counts as one part")
    }

    @Test func hugeHeaderBlockDoesNotCrash() {
        var text = "From: a@example.com\r\nSubject: big\r\n"
        text += "X-Junk: " + String(repeating: "a", count: 2_000_000) + "\r\n"
        for i in 0..<5_000 { text += "X-Many-\(i): v\r\n" }
        text += "\r\nbody\r\n"
        _ = MIMEParser().parse(Array(text.utf8))
    }

    @Test(arguments: [
        "", "\r\n", "\n\n\n", "no colon at all", "From: a@b\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x", "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x--",
        "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n=", "Content-Type: message/rfc822\r\n\r\n",
        "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!",
        "Content-Type: text/html\r\n\r\n<", "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\n--d--",
    ])
    func degenerateInputsNeverCrash(text: String) {
        _ = MIMEParser().parse(Array(text.utf8))
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 0..<2_000, using: &generator)
            let alphabet = Array("-\r\n:=;\"<>/ abcmultipartboundary=Content-Type&#".utf8)
            let bytes = (0..<count).map { _ in
                Bool.random() ? alphabet.randomElement()! : UInt8.random(in: 0...255, using: &generator)
            }
            _ = MIMEParser().parse(bytes)
        }
    }

    @Test(.enabled(if: TestSupport.corpusExists))
    func mimeKitStackOverflowMessage() throws {
        let url = TestSupport.corpus.appendingPathComponent("MimeKit/UnitTests/TestData/messages/stack-overflow.txt")
        let message = MIMEParser().parse(Array(try Data(contentsOf: url)))
        #expect(message.from.count >= 1)
    }
}
