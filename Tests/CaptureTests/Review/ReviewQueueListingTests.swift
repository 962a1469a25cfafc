import CRMCore
import CRMServiceApp
import Foundation
import Testing
@testable import Capture
@testable import Store

/// The console's review queue as its pages read it (§8 `GET /review`, `GET /review/ID`), over a real database file.
@Suite("§8 review queue: listing and detail")
struct ReviewQueueListingTests {
    let w: ReviewWorld
    init() throws { w = try ReviewWorld() }

    func seed() throws {
        try w.capture([
            ReviewWorld.mail("old@x", from: "Olga Old <olga@unknown.example>", subject: "Invoice March",
                             date: "1 Mar 2026 10:00:00 +0000"),
            ReviewWorld.mail("new@x", from: "Nina New <nina@unknown.example>", subject: "Hello again",
                             date: "20 Oct 2026 10:00:00 +0000"),
            ReviewWorld.mail("mid@x", from: "cathy@acme.example.net", to: "stranger@elsewhere.example",
                             subject: "Proposal", date: "1 Jun 2026 10:00:00 +0000"),
            Array("no header block here, just words\r\n".utf8),
        ])
        try w.capture([ReviewWorld.mail("bcc@x", from: "Zed <zed@unknown.example>", subject: "Via bcc",
                                        date: "2 Jun 2026 10:00:00 +0000")], mailbox: "bcc")
    }

    @Test("§8 open entries newest first with the total; filters reason, mailbox, date, q and 'could not be read'")
    func filters() throws {
        try seed()
        let open = try w.openEntries()
        let all = try w.queue.items(ReviewFilter())
        #expect(all.total == 5)
        #expect(all.items.prefix(4).map(\.ref)
                == [open["new@x"]!, open["bcc@x"]!, open["mid@x"]!, open["old@x"]!].map(ReviewItemRef.unmatched))
        #expect(all.items.last?.reason == "unparseable")
        #expect(all.items.last?.date == nil)
        let page = try w.queue.items(ReviewFilter(offset: 1, limit: 2))
        #expect(page.total == 5 && page.items.map(\.ref) == Array(all.items[1...2]).map(\.ref))

        #expect(try w.queue.items(ReviewFilter(reason: "no_user_recipient")).items.map(\.ref) == [.unmatched(open["mid@x"]!)])
        #expect(try w.queue.items(ReviewFilter(mailbox: "bcc")).items.map(\.ref) == [.unmatched(open["bcc@x"]!)])
        let june = try w.queue.items(ReviewFilter(since: date("2026-06-01T00:00:00Z"), before: date("2026-07-01T00:00:00Z")))
        #expect(Set(june.items.map(\.ref)) == [.unmatched(open["mid@x"]!), .unmatched(open["bcc@x"]!)])
        // q: display name, address, subject; ASCII case ignored; LIKE wildcards are literal.
        #expect(try w.queue.items(ReviewFilter(text: "nina")).items.map(\.ref) == [.unmatched(open["new@x"]!)])
        #expect(try w.queue.items(ReviewFilter(text: "OLGA@UNKNOWN")).items.map(\.ref) == [.unmatched(open["old@x"]!)])
        #expect(try w.queue.items(ReviewFilter(text: "invoice")).items.map(\.ref) == [.unmatched(open["old@x"]!)])
        #expect(try w.queue.items(ReviewFilter(text: "%")).total == 0)
        let unreadable = try w.queue.items(ReviewFilter(category: .unreadable))
        #expect(unreadable.total == 1 && unreadable.items.first?.reason == "unparseable")
        #expect(all.items.first { $0.ref == .unmatched(open["bcc@x"]!) }?.mailboxes == ["bcc"])
        #expect(try w.queue.mailboxes() == ["bcc", "corporate"])
    }

    @Test("§4 §8 an entry in detail: headers, an HTML body as its text, attachments by name, type and size, raw bytes")
    func detail() throws {
        let boundary = "b0"
        let body = [
            "--\(boundary)", "Content-Type: text/html; charset=utf-8", "",
            "<p>Hi <b>there</b></p><script>alert(1)</script>",
            "--\(boundary)", "Content-Type: text/html; name=\"x.html\"",
            "Content-Disposition: attachment; filename=\"../../x.html\"", "",
            "<script>evil()</script>",
            "--\(boundary)--",
        ].joined(separator: "\r\n")
        let raw = ReviewWorld.mail("html@x", from: "Hugo <hugo@unknown.example>", subject: "<script>s</script>",
                                   extraHeaders: ["MIME-Version: 1.0",
                                                  "Content-Type: multipart/mixed; boundary=\"\(boundary)\""],
                                   body: body)
        try w.capture([raw])
        let id = try #require(try w.openEntries()["html@x"])
        let detail = try #require(try w.queue.item(.unmatched(id)))
        #expect(detail.reason == "unknown_sender" && detail.status == "open")
        #expect(detail.subject == "<script>s</script>" && detail.fromName == "Hugo")
        #expect(detail.headers.contains { $0.name == "From" && $0.value == "Hugo <hugo@unknown.example>" })
        #expect(detail.textIsFromHTML && detail.text.contains("there") && !detail.text.contains("<b>"))
        #expect(!detail.text.contains("alert"))
        #expect(detail.attachments == [.init(index: 0, filename: "../../x.html", contentType: "text/html", size: 23)])
        #expect(detail.captureTrail.contains("hugo@unknown.example"))
        #expect(detail.sources.map(\.mailbox) == ["corporate"])
        let file = try #require(try w.queue.attachment(.unmatched(id), index: 0))
        #expect(String(decoding: file.bytes, as: UTF8.self) == "<script>evil()</script>")
        #expect(try w.queue.attachment(.unmatched(id), index: 1) == nil)
        #expect(try w.queue.rawMessage(.unmatched(id))?.bytes == raw)
        #expect(try w.queue.item(.unmatched(id + 1000)) == nil)
    }

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
}
