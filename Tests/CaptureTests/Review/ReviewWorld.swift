import CRMCore
import CRMServiceApp
import Foundation
@testable import Capture
@testable import Store

/// A fresh database with the fixture address book and a console review queue over it, and a way to capture
/// hand-written mail through the real pipeline.
final class ReviewWorld {
    let db: FreshDatabase
    let policy: CapturePolicy
    let queue: ConsoleReviewQueue

    init(policy: CapturePolicy = CapturePolicy()) throws {
        db = try FreshDatabase()
        try db.importFixtureBook()
        self.policy = policy
        queue = ConsoleReviewQueue(database: db.database, policy: policy)
    }

    var database: AppDatabase { db.database }

    /// A message as text with CRLF line ends.
    static func mail(_ id: String, from: String, to: String = "alice@example.com", cc: String? = nil, subject: String,
                     date: String = "12 Oct 2026 09:00:00 +0000", extraHeaders: [String] = [],
                     body: String = "Hello.") -> [UInt8] {
        var lines = ["Message-ID: <\(id)>", "Date: \(date)", "From: \(from)", "To: \(to)"]
        if let cc { lines.append("Cc: \(cc)") }
        lines.append("Subject: \(subject)")
        lines += extraHeaders
        lines += ["", body, ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// Captures `messages` through the pipeline (one transaction), each from `mailbox` with its index as ref.
    @discardableResult
    func capture(_ messages: [[UInt8]], mailbox: String = "corporate", policy: CapturePolicy? = nil) throws
        -> [CaptureResult] {
        let pipeline = CapturePipeline(book: try database.addressBook(policy: policy ?? self.policy))
        return try database.inCaptureTransaction { tx in
            try messages.enumerated().map { index, bytes in
                try pipeline.capture(RawMessage(bytes: bytes, source: MessageSource(mailbox: mailbox, ref: "\(index)-\(UUID())")),
                                     in: tx)
            }
        }
    }

    /// The open entries' ids by their Message-ID.
    func openEntries() throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        for row in try database.exportUnmatched() where row.status == "open" {
            if let id = row.messageID { result[id] = row.id }
        }
        return result
    }

    func audit() throws -> [String] { try database.auditLog().map { "\($0.actor) \($0.action) \($0.target)" } }
}
