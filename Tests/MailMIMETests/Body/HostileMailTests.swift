import Foundation
import Testing
import TestSupport
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

    @Test(arguments: [1, 10, 31])
    func nestingWithinTheLimitReachesTheText(levels: Int) {
        let message = MIMEParser().parse(Self.nested(levels))
        #expect(message.text == "innermost\n")
        #expect(!message.defects.contains(.nestingTooDeep))
    }

    @Test
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

    @Test
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

    @Test func hugeHeaderBlockIsCutAtTheLimitAndReadOnAsBody() {
        var text = "From: a@example.com\r\nSubject: big\r\n"
        text += "X-Junk: " + String(repeating: "a", count: 2_000_000) + "\r\n"
        for i in 0..<5_000 { text += "X-Many-\(i): v\r\n" }
        text += "\r\nbody\r\n"
        let message = MIMEParser().parse(Array(text.utf8))
        #expect(message.subject == "big")
        #expect(message.from.map(\.address) == ["a@example.com"])
        #expect(message.defects.contains(.headerBlockTooLarge))
        #expect(message.text.hasPrefix("X-Junk: aaaa"), "the rest of the header block is read as body")
        #expect(message.text.hasSuffix("X-Many-4999: v\n\nbody\n"))
    }

    /// Inputs with next to nothing in them, each with what it must give (text, attachments, defects).
    static let degenerate: [(input: String, text: String, attachments: [MailMIME.Attachment.Summary], defects: Set<MIMEDefect>)] = [
        ("", "", [], [.noHeaderBlock]),
        ("\r\n", "", [], []),
        ("\n\n\n", "\n\n", [], []),
        ("no colon at all", "no colon at all", [], [.noHeaderBlock]),
        ("From: a@b\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n", "--\n", [], [.missingBoundary]),
        ("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x", "", [], [.missingClosingBoundary]),
        ("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x--", "", [], []),
        ("Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n=", "", [], []),
        ("Content-Type: message/rfc822\r\n\r\n", "", [.init(nil, "message/rfc822", 0)], []),
        ("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!", "",
         [.init(nil, "message/rfc822", 0)], [.invalidBase64]),
        ("Content-Type: text/html\r\n\r\n<", "<", [], []),
        // RFC 2046 §5.1.5: a digest part without headers is message/rfc822.
        ("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\n--d--", "",
         [.init(nil, "message/rfc822", 0)], []),
    ]

    @Test(arguments: 0..<degenerate.count)
    func degenerateInputsGiveWhatLittleTheyHold(index: Int) {
        let (input, text, attachments, defects) = Self.degenerate[index]
        let message = MIMEParser().parse(Array(input.utf8))
        #expect(message.text == text, "\(input.debugDescription)")
        #expect(message.attachments.map(\.summary) == attachments, "\(input.debugDescription)")
        #expect(Set(message.defects) == defects, "\(input.debugDescription)")
    }

    /// Random bytes (biased towards MIME syntax) from a printed seed (`TestSeed`): the parser gives the same answer
    /// twice, keeps within `maxParts`, and never yields more attachment bytes than the input holds (decoding shrinks).
    @Test func randomBytesGiveBoundedRepeatableResults() {
        let seed = TestSeed.value("randomBytesGiveBoundedRepeatableResults", default: 20_261_204)
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("-\r\n:=;\"<>/ abcmultipartboundary=Content-Type&#".utf8)
        var options = MIMEParser.Options()
        options.maxParts = 20
        for round in 0..<200 {
            let count = Int.random(in: 0..<2_000, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator)
                    ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            let message = MIMEParser(options: options).parse(bytes)
            let context: Comment = "seed \(seed), round \(round)"
            #expect(MIMEParser(options: options).parse(bytes) == message, context)
            #expect(message.attachments.count < options.maxParts, context)
            #expect(message.attachments.reduce(0) { $0 + $1.size } <= bytes.count, context)
            #expect(message.attachments.allSatisfy { $0.data.count == $0.size }, context)
        }
    }

    @Test(.enabled(if: Prerequisite.met(SharedCorpus.isAvailable), "needs the shared corpus (../shared/corpus)"))
    func mimeKitStackOverflowMessage() throws {
        try SharedCorpus.require()
        let url = TestSupport.corpus.appendingPathComponent("MimeKit/UnitTests/TestData/messages/stack-overflow.txt")
        let message = MIMEParser().parse(Array(try Data(contentsOf: url)))
        #expect(message.from.count >= 1)
    }
}
