import Foundation
import Testing
@testable import MailMIME

/// §11: the forward block of each client and language in `Fixtures/forward`, read by the parser.
@Suite struct ForwardedMessageTests {
    static let directory = TestSupport.repoRoot.appendingPathComponent("Fixtures/forward")
    static let languages = ["en", "de", "nl", "fr"]
    static let clients: [(prefix: String, form: ForwardedMessage.Form)] = [
        ("outlook-plain", .outlook), ("outlook-html", .outlook), ("outlook-web", .outlook), ("gmail", .gmail),
        ("thunderbird-plain", .thunderbird), ("thunderbird-html", .thunderbird), ("apple-mail", .appleMail),
    ]
    static let cases: [(file: String, form: ForwardedMessage.Form)] = clients.flatMap { client in
        languages.map { ("\(client.prefix)-\($0).eml", client.form) }
    }
    /// Tuesday 1 December 2026 10:15 in +0100, as every block says in its own words.
    static let originalDate = Date(timeIntervalSince1970: 1_796_116_500)

    static func parse(_ name: String) throws -> ParsedMessage {
        MIMEParser().parse(Array(try Data(contentsOf: directory.appendingPathComponent(name))))
    }

    @Test("§11 each client's inline forward block in EN/DE/NL/FR gives the original's sender, recipients, date, subject and text",
          arguments: cases.map(\.file))
    func inlineBlock(file: String) throws {
        let message = try Self.parse(file)
        let forward = try #require(message.forwarded, "\(file): no forward found")
        #expect(forward.form == Self.cases.first { $0.file == file }?.form)
        #expect(forward.from.map(\.address) == ["cathy@acme.example.net"])
        #expect(forward.to.map(\.address) == ["bob@example.com"])
        #expect(forward.cc.map(\.address) == ["greg@globex.example.org"])
        #expect(forward.date == Self.originalDate, "\(file): \(String(describing: forward.date))")
        let subject = try #require(forward.subject)
        #expect(!subject.hasPrefix("FW") && !subject.hasPrefix("WG") && !subject.hasPrefix("TR") && !subject.isEmpty)
        #expect(forward.text.contains("Order:1001"))
        #expect(forward.text.hasSuffix("Cathy"), "\(file): text ends \(forward.text.suffix(40))")
        #expect(!forward.text.contains("bob@example.com"), "the block is not part of the text")
        #expect(!forward.note.isEmpty && !forward.note.contains("cathy@"))
    }

    @Test("§11 a message/rfc822 part is the forward, read whole with its own Message-ID and attachments")
    func rfc822() throws {
        let message = try Self.parse("rfc822-attachment.eml")
        let forward = try #require(message.forwarded)
        #expect(forward.form == .rfc822)
        #expect(forward.messageID == "20261201091500.4711@acme.example.net")
        #expect(forward.from.map(\.address) == ["cathy@acme.example.net"])
        #expect(forward.date == Self.originalDate)
        #expect(forward.attachments.map(\.filename) == ["drawing-jaws.pdf"])
        #expect(forward.text.contains("Order:1001"))
    }

    @Test("§11 an inline forward's attachments are the forward's own files")
    func inlineAttachments() throws {
        let forward = try #require(try Self.parse("outlook-attachment-en.eml").forwarded)
        #expect(forward.form == .outlook)
        #expect(forward.attachments.map(\.filename) == ["Lieferschein 4711.pdf"])
    }

    @Test("§11 a forward with no readable sender, or with two message/rfc822 parts, is no forward")
    func unreadable() throws {
        #expect(try Self.parse("unreadable-en.eml").forwarded == nil)
        #expect(try Self.parse("two-rfc822.eml").forwarded == nil)
    }

    @Test("§11 dates in the clients' wording; unreadable or ambiguous ones give nil", arguments: [
        ("Tuesday, December 1, 2026 10:15 AM", 1_796_116_500),
        ("Tuesday, December 1, 2026 10:15 PM", 1_796_116_500 + 12 * 3600),
        ("Tuesday, December 1, 2026 12:05 AM", 1_796_116_500 - 10 * 3600 - 600),
        ("Dienstag, 1. Dezember 2026 10:15", 1_796_116_500),
        ("mar. 1 déc. 2026 à 10:15", 1_796_116_500),
        ("Mo., 1. Dez. 2026 um 10:15", 1_796_116_500),
        ("1 December 2026 at 10:15:00 CET", 1_796_116_500),
        ("1 décembre 2026 à 10:15:00 UTC+1", 1_796_116_500),
        ("Tue, 1 Dec 2026 04:15:00 -0500", 1_796_116_500),
        ("01.12.2026 10:15", 1_796_116_500),
        ("2026-12-01 10:15", 1_796_116_500),
        ("12/1/2026 10:15", nil),
        ("gestern um zehn", nil),
        ("Tuesday, December 1, 2026", nil),
    ] as [(String, Int?)])
    func dates(text: String, expected: Int?) {
        let date = ForwardDateParser.parse(text, defaultOffsetMinutes: 60)
        #expect(date.map { Int($0.timeIntervalSince1970) } == expected, "\(text)")
    }

    @Test("§11 a text without a forward block, or with From: in running text, has no forward")
    func noBlock() {
        let message = TestSupport.parse("""
            From: Bob Sales <bob@example.com>
            To: crm@example.com
            Subject: notes

            From: the meeting yesterday, Cathy <cathy@acme.example.net> asked for a quote.
            Nothing else.
            """)
        #expect(message.forwarded == nil)
    }

    @Test("§11 §12 a body of nothing but header-like or marker lines is read in linear time and gives no forward")
    func hostileBody() {
        let head = "From: Bob <bob@example.com>\nTo: crm@example.com\nSubject: x\n\n"
        let fromLines = String(repeating: "From: a@b.example\n", count: 20_000) + "Sent: Tuesday, 1 December 2026 10:15\n"
        #expect(TestSupport.parse(head + fromLines + "Subject: y\n", crlf: false).forwarded == nil)
        let markers = String(repeating: "---------- Forwarded message ---------\n", count: 10_000)
        #expect(TestSupport.parse(head + markers, crlf: false).forwarded == nil)
    }

    @Test("§11 a block after a long note is found; the original's text runs to the end of a long body")
    func longNoteAndBody() throws {
        let note = String(repeating: "a line of the note\n", count: 2_000)
        let body = String(repeating: "a line of the original\n", count: 50_000) + "the end"
        let message = TestSupport.parse("""
            From: Bob <bob@example.com>
            To: crm@example.com
            Subject: Fwd: x

            \(note)
            ---------- Forwarded message ---------
            From: Cathy <cathy@acme.example.net>
            Date: Tue, Dec 1, 2026 at 10:15 AM
            Subject: x

            \(body)
            """, crlf: false)
        let forward = try #require(message.forwarded)
        #expect(forward.text.hasSuffix("the end") && forward.text.hasPrefix("a line of the original"))
        #expect(forward.note.hasPrefix("a line of the note"))
    }
}
