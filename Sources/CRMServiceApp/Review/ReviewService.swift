import Capture
import CRMCore
import Foundation
import MailMIME
import Store

/// `crmservice unmatched …` (§5): the review queue over the database; every action is one transaction that also
/// appends to the audit log.
public struct ReviewService {
    let database: AppDatabase
    let policy: CapturePolicy

    public init(database: AppDatabase, policy: CapturePolicy = CapturePolicy()) {
        self.database = database
        self.policy = policy
    }

    /// Every entry (open first, then by id when `openOnly` is false).
    public func list(openOnly: Bool) throws -> [UnmatchedExportRow] {
        let rows = try database.exportUnmatched()
        return openOnly ? rows.filter { $0.status == "open" } : rows
    }

    /// One entry with its audit trail, its sources and the header block of its first copy; nil when there is none.
    public func show(_ id: Int64) throws -> String? {
        guard let (row, copies) = try database.unmatchedEntry(id) else { return nil }
        var lines = [
            "entry \(row.id): \(row.status), reason \(row.reason)",
            "message-id: \(row.messageID ?? "(none)")",
            "from: \(row.from ?? "(none)")",
            "subject: \(row.subject ?? "(none)")",
            "date: \(row.date ?? "(none)")",
        ]
        if let contact = row.assignedContact { lines.append("assigned to contact \(contact)") }
        if let why = row.dismissReason { lines.append("dismissed: \(why)") }
        lines += row.sources.map { "source: \($0.mailbox) \($0.ref)" }
        lines.append(row.audit)
        for entry in try database.auditLog() where entry.target == "unmatched \(id)" {
            lines.append("\(ISO8601.utcString(entry.at)) \(entry.actor) \(entry.action): \(entry.detail)")
        }
        if let first = copies.first {
            let header = MIMEParser().parse(first.bytes).headers.map { field in
                let value = String(decoding: field.rawValue, as: UTF8.self)
                    .split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
                    .map { $0.trimmingASCIIWhitespace() }.joined(separator: " ")
                return "  \(field.name): \(value)"
            }
            lines.append("headers (\(copies.count) cop\(copies.count == 1 ? "y" : "ies"), sha256 \(first.sha256)):")
            lines += header
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `assign ID --contact CID`.
    public func assign(_ id: Int64, contact: ContactID, actor: String, at time: Date = Date()) throws {
        try refuseArchived([id])
        let pipeline = CapturePipeline(book: try database.addressBook(policy: policy))
        try database.inCaptureTransaction { try pipeline.assign(id, to: contact, actor: actor, in: $0, at: time) }
    }

    /// `dismiss ID --why TEXT`.
    public func dismiss(_ id: Int64, why: String, actor: String, at time: Date = Date()) throws {
        try refuseArchived([id])
        let pipeline = CapturePipeline(book: try database.addressBook(policy: policy))
        try database.inCaptureTransaction { try pipeline.dismiss(id, why: why, actor: actor, in: $0, at: time) }
    }

    /// `reprocess [ID...]`: each entry with what became of it.
    public func reprocess(_ ids: [Int64]?, actor: String, at time: Date = Date()) throws -> [(Int64, CaptureResult)] {
        try refuseArchived(ids ?? [])
        let pipeline = CapturePipeline(book: try database.addressBook(policy: policy))
        return try database.inCaptureTransaction { tx in
            try pipeline.reprocess(ids, actor: actor, in: tx, at: time).map { ($0.entry, $0.result) }
        }
    }

    /// §10: archived entries cannot be changed; the refusal names the archive (exit 2).
    func refuseArchived(_ ids: [Int64]) throws {
        for id in ids {
            if let archive = try database.archiveHolding(unmatched: id) {
                throw ReviewError(entry: id, message: "is in archive \(archive); restore the archive to act on it")
            }
        }
    }
}
