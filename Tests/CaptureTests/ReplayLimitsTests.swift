import Capture
import CRMCore
import CRMServiceApp
import Foundation
import Matching
import Testing

/// INTERFACE.md §12 for replay: a message over `capture.max_message_bytes` is read only up to the end of its header
/// and becomes unmatched `too_large` with its size; a later full copy is a duplicate.
@Suite struct ReplayLimitsTests {
    let db: FreshDatabase
    init() throws { db = try FreshDatabase() }

    static let limit = 1 << 20

    /// A message from an unknown sender: its header, then `bodyBytes` of body, in one line when `oneLine`.
    static func message(_ id: String, bodyBytes: Int, oneLine: Bool = false) -> (header: [UInt8], whole: [UInt8]) {
        let header = Array("""
            From: Stranger <stranger@unknown.example>\r
            To: alice@acme.example\r
            Subject: a large attachment \(id)\r
            Message-ID: <\(id)@unknown.example>\r
            Date: Mon, 30 Nov 2026 10:00:00 +0000\r
            \r

            """.utf8)
        var body: [UInt8] = []
        body.reserveCapacity(bodyBytes + 80)
        let line = Array(repeating: UInt8(ascii: "x"), count: 76) + [0x0D, 0x0A]
        if oneLine {
            body = Array(repeating: UInt8(ascii: "y"), count: bodyBytes - 2) + [0x0D, 0x0A]
        } else {
            while body.count + line.count <= bodyBytes { body += line }
        }
        return (header, header + body)
    }

    func replay(_ paths: [String], limit: Int = ReplayLimitsTests.limit) throws -> ReplaySummary {
        try ReplayService(database: db.database).replay(paths, mailbox: "files", maxMessageBytes: limit)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = db.directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// The stored raw copies and the audit trail of the only `too_large` entry.
    func tooLargeEntry() throws -> (copies: [[UInt8]], audit: String, sources: [MessageSource]) {
        let rows = try db.database.exportUnmatched().filter { $0.reason == "too_large" }
        try #require(rows.count == 1)
        let entry = try #require(try db.database.unmatchedEntry(rows[0].id))
        return (entry.copies.map(\.bytes), entry.row.audit, entry.row.sources)
    }

    @Test("§12 a replayed .eml file over capture.max_message_bytes becomes too_large with its header and its size")
    func emlTooLarge() throws {
        let big = Self.message("big-eml", bodyBytes: 3 << 20)
        let path = try write("big.eml", big.whole)
        let summary = try replay([path])
        #expect(summary.messages == 1 && summary.unmatched == [.tooLarge: 1])
        let entry = try tooLargeEntry()
        #expect(entry.copies == [big.header])
        #expect(entry.audit.contains("decided by §12 limits"))
        #expect(entry.audit.contains("§12 the message is \(big.whole.count) bytes, over capture.max_message_bytes (\(Self.limit))"))
        #expect(entry.sources == [MessageSource(mailbox: "files", ref: path)])

        // A later full copy of the same Message-ID is a duplicate.
        let again = try replay([path], limit: 64 << 20)
        #expect(again.messages == 1 && again.duplicates == 1)
    }

    @Test("§12 a file of exactly capture.max_message_bytes is captured whole")
    func atTheLimit() throws {
        let small = Self.message("at-limit", bodyBytes: 2000)
        let path = try write("small.eml", small.whole)
        let summary = try replay([path], limit: small.whole.count)
        #expect(summary.unmatched == [.unknownSender: 1])
        let rows = try db.database.exportUnmatched()
        #expect(try db.database.unmatchedEntry(rows[0].id)?.copies.map(\.bytes) == [small.whole])
    }

    @Test("§12 a Maildir message over capture.max_message_bytes becomes too_large; the others are whole")
    func maildirTooLarge() throws {
        let big = Self.message("big-maildir", bodyBytes: 3 << 20)
        let small = Self.message("small-maildir", bodyBytes: 500)
        _ = try write("Maildir/cur/1.host:2,S", small.whole)
        _ = try write("Maildir/new/2.host", big.whole)
        _ = try write("Maildir/tmp/.keep", [])
        let summary = try replay([db.directory.appendingPathComponent("Maildir").path])
        #expect(summary.messages == 2 && summary.unmatched == [.tooLarge: 1, .unknownSender: 1])
        let entry = try tooLargeEntry()
        #expect(entry.copies == [big.header])
        #expect(entry.audit.contains("is \(big.whole.count) bytes"))
    }

    @Test("§12 an mbox message over capture.max_message_bytes keeps only its header; the messages around it are whole",
          arguments: [false, true])
    func mboxTooLarge(bodyInOneLine: Bool) throws {
        let first = Self.message("mbox-1", bodyBytes: 300)
        let big = Self.message("mbox-big", bodyBytes: 3 << 20, oneLine: bodyInOneLine)
        let last = Self.message("mbox-3", bodyBytes: 300)
        var mbox: [UInt8] = []
        for message in [first.whole, big.whole, last.whole] {
            mbox += Array("From stranger@unknown.example Mon Nov 30 10:00:00 2026\r\n".utf8) + message + [0x0D, 0x0A]
        }
        let path = try write("archive.mbox", mbox)
        let summary = try replay([path])
        #expect(summary.messages == 3 && summary.unmatched == [.tooLarge: 1, .unknownSender: 2])
        let entry = try tooLargeEntry()
        #expect(entry.copies == [big.header])
        #expect(entry.audit.contains("is \(big.whole.count) bytes"))
        let whole = try db.database.exportUnmatched().filter { $0.reason == "unknown_sender" }
            .map { try db.database.unmatchedEntry($0.id)?.copies.map(\.bytes) }
        #expect(Set(whole.compactMap { $0 }) == [[first.whole], [last.whole]])
    }

    @Test("§12 reprocess leaves too_large and unprocessable entries as they are: what is kept of them decides nothing")
    func reprocessKeepsTooLarge() throws {
        let big = Self.message("big-reprocess", bodyBytes: 2 << 20)
        _ = try replay([try write("big.eml", big.whole)])
        let pipeline = CapturePipeline(book: try db.database.addressBook(policy: CapturePolicy()))
        let header = Self.message("unreadable", bodyBytes: 10).header
        _ = try db.database.inCaptureTransaction { tx in
            try pipeline.captureUnprocessable(RawMessage(bytes: header, source: MessageSource(mailbox: "box", ref: "7:3")),
                                              attempts: 3, error: "fetching UID 3: server said BYE", in: tx)
        }
        let results = try db.database.inCaptureTransaction { tx in try pipeline.reprocess(nil, actor: "test", in: tx) }
        #expect(results.map(\.result) == [.unmatched(.tooLarge), .unmatched(.unprocessable)])
        #expect(try tooLargeEntry().copies == [big.header])
        let reasons = try db.database.exportUnmatched().map(\.reason)
        #expect(reasons == ["too_large", "unprocessable"])
    }

    @Test("§12 an unprocessable message with nothing read gets an identity of its own source: two are never one")
    func emptyUnprocessable() throws {
        let pipeline = CapturePipeline(book: try db.database.addressBook(policy: CapturePolicy()))
        let results = try db.database.inCaptureTransaction { tx in
            try ["7:3", "7:4", "7:3"].map { ref in
                try pipeline.captureUnprocessable(RawMessage(bytes: [], source: MessageSource(mailbox: "box", ref: ref)),
                                                  attempts: 3, error: "BYE", in: tx)
            }
        }
        #expect(results == [.unmatched(.unprocessable), .unmatched(.unprocessable), .duplicate])
        let rows = try db.database.exportUnmatched()
        #expect(rows.count == 2 && rows.allSatisfy { $0.audit.contains("§12 capture failed 3 times for a reason of the message's own; last error: BYE") })
    }
}
