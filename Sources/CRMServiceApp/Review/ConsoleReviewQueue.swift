import Capture
import CRMCore
import Foundation
import MailMIME
import Matching
import Store

/// The review queue of the admin console (§8) over the store and the capture pipeline that `crmservice unmatched`
/// (`ReviewService`) uses: the same `CapturePipeline.assign`, `dismiss` and `reprocess`, so a console action and a
/// CLI action cannot differ.
///
/// Each action is one transaction that reads the address book once (not once per id) and writes the change with
/// its audit entries (one per id touched, as the CLI writes them). Decisions where the contract is silent:
/// - Ids no longer open (another person was quicker) are skipped and reported, the others are acted on; an unknown
///   contact, an unknown account or a blank reason refuses the whole action (`ReviewRefusal`), nothing changes.
/// - "remember" and "add the contact" reprocess the open entries that name the address (sender, or anywhere in a
///   stored copy: the pipeline then decides each exactly); `reprocess` of chosen ids is `unmatched reprocess ID...`,
///   which leaves `too_large` and `unprocessable` entries as they are (§12).
/// - An address that is a user's cannot be remembered as a contact's (a user address wins, §2).
public struct ConsoleReviewQueue: ReviewQueue {
    let database: AppDatabase
    let policy: CapturePolicy
    let parser = MIMEParser()
    /// Where the actions come from, for the audit log.
    let origin: AuditOrigin

    /// `policy`: the configuration's capture policy (its never-capture list still applies; the database adds its own).
    public init(database: AppDatabase, policy: CapturePolicy = CapturePolicy(), origin: AuditOrigin = .console) {
        self.database = database
        self.policy = policy
        self.origin = origin
    }

    public func items(_ filter: ReviewFilter) throws -> ReviewListing { try database.reviewItems(filter) }

    public func mailboxes() throws -> [String] { try database.reviewMailboxes() }

    public func rawMessage(_ ref: ReviewItemRef) throws -> ReviewFile? {
        try database.reviewRawMessage(ref).map {
            ReviewFile(filename: "\(ref.kind.rawValue)-\(ref.id).eml", contentType: "message/rfc822", bytes: $0.bytes)
        }
    }

    public func attachment(_ ref: ReviewItemRef, index: Int) throws -> ReviewFile? {
        guard index >= 0, let raw = try database.reviewRawMessage(ref) else { return nil }
        let attachments = parser.parse(raw.bytes).attachments
        guard index < attachments.count else { return nil }
        let found = attachments[index]
        return ReviewFile(filename: found.filename, contentType: found.contentType, bytes: found.data)
    }

    public func accountChoices(for ref: ReviewItemRef, limit: Int) throws -> [ReviewAccountChoice] {
        let facts = try database.reviewItemFacts(ref)
        let domain = facts?.fromAddress.flatMap(EmailAddress.init).map { String($0.domain) }
        return try database.reviewAccountChoices(domain: domain, limit: limit)
    }

    public func assign(_ entries: [Int64], to contact: ContactID, actor: String, at time: Date) throws
        -> ReviewActionResult {
        let ids = try Self.distinct(entries)
        return try database.inReviewTransaction { tx in
            guard try tx.contactExists(contact) else { throw ReviewRefusal(.unknownContact, contact.rawValue) }
            let pipeline = CapturePipeline(book: try tx.addressBook(policy: policy), parser: parser)
            let open = Set(try tx.capture.openUnmatchedMessages(entries: ids).map(\.entry))
            for id in ids where open.contains(id) {
                try pipeline.assign(id, to: contact, actor: actor, origin: origin, in: tx.capture, at: time)
            }
            return ReviewActionResult(done: ids.filter(open.contains), skipped: ids.filter { !open.contains($0) })
        }
    }

    public func dismiss(_ entries: [Int64], why: String, actor: String, at time: Date) throws -> ReviewActionResult {
        let ids = try Self.distinct(entries)
        let reason = why.trimmingASCIIWhitespace()
        guard !reason.isEmpty else { throw ReviewRefusal(.blankReason, "") }
        return try database.inReviewTransaction { tx in
            let pipeline = CapturePipeline(book: AddressBook(policy: policy), parser: parser)
            let open = Set(try tx.capture.openUnmatchedMessages(entries: ids).map(\.entry))
            for id in ids where open.contains(id) {
                try pipeline.dismiss(id, why: reason, actor: actor, origin: origin, in: tx.capture, at: time)
            }
            return ReviewActionResult(done: ids.filter(open.contains), skipped: ids.filter { !open.contains($0) })
        }
    }

    public func reprocess(_ entries: [Int64], actor: String, at time: Date) throws -> ReprocessSummary {
        let ids = try Self.distinct(entries)
        return try database.inReviewTransaction { tx in try reprocessOpen(ids, actor: actor, in: tx, at: time) }
    }

    public func remember(_ address: EmailAddress, as target: RememberTarget, actor: String, at time: Date) throws
        -> ReprocessSummary {
        try database.inReviewTransaction { tx in
            let detail: String
            switch target {
            case .contact(let contact):
                guard try tx.contactExists(contact) else { throw ReviewRefusal(.unknownContact, contact.rawValue) }
                guard try !tx.isUserAddress(address) else { throw ReviewRefusal(.userAddress, address.value) }
                try tx.rememberAddress(address, for: contact, actor: actor, at: time)
                detail = "contact \(contact)"
            case .neverCapture:
                try tx.addNeverCapture(address, actor: actor, at: time)
                detail = "never capture"
            }
            let naming = try tx.openEntriesNaming(address)
            try tx.capture.appendAudit(AuditLogEntry(
                at: time, actor: actor, origin: origin, action: "remember", target: "address \(address)",
                detail: "\(detail); reprocess \(Self.list(naming))"))
            return try reprocessOpen(naming, actor: actor, in: tx, at: time)
        }
    }

    public func addContact(_ contact: NewContact, actor: String, at time: Date) throws -> ReprocessSummary {
        let name = contact.name.trimmingASCIIWhitespace()
        guard !name.isEmpty else { throw ReviewRefusal(.blankName, "") }
        return try database.inReviewTransaction { tx in
            guard try tx.accountExists(contact.account) else {
                throw ReviewRefusal(.unknownAccount, contact.account.rawValue)
            }
            if let id = contact.id, try tx.contactExists(id) { throw ReviewRefusal(.contactExists, id.rawValue) }
            guard try !tx.isUserAddress(contact.address) else {
                throw ReviewRefusal(.userAddress, contact.address.value)
            }
            let id = try tx.insertContact(id: contact.id, account: contact.account, name: name)
            try tx.rememberAddress(contact.address, for: id, actor: actor, at: time)
            let naming = try tx.openEntriesNaming(contact.address)
            try tx.capture.appendAudit(AuditLogEntry(
                at: time, actor: actor, origin: origin, action: "add-contact", target: "contact \(id)",
                detail: "account \(contact.account), address \(contact.address); reprocess \(Self.list(naming))"))
            return try reprocessOpen(naming, actor: actor, in: tx, at: time)
        }
    }

    public func settlePrivacyReview(_ activities: [Int64], _ decision: PrivacyDecision, actor: String, at time: Date)
        throws -> ReviewActionResult {
        let ids = try Self.distinct(activities)
        let flag = ActivityFlag.privacyReview.rawValue
        return try database.inReviewTransaction { tx in
            var result = ReviewActionResult()
            for id in ids {
                guard let (message, flags) = try tx.activityFlags(id), flags.contains(flag) else {
                    result.skipped.append(id)
                    continue
                }
                switch decision {
                case .keep: try tx.setActivityFlags(id, flags.filter { $0 != flag })
                case .exclude: try tx.capture.setOutcome(of: message, .excluded, at: time)
                }
                try tx.capture.appendAudit(AuditLogEntry(
                    at: time, actor: actor, origin: origin, action: "privacy-\(decision.rawValue)",
                    target: ReviewItemRef.activity(id).description, detail: flag))
                result.done.append(id)
            }
            return result
        }
    }

    /// Reprocesses those of `ids` that are open, with the address book as `tx` sees it (what it just remembered
    /// counts); one audit entry per entry, as `unmatched reprocess` writes.
    private func reprocessOpen(_ ids: [Int64], actor: String, in tx: ReviewWriteTransaction, at time: Date) throws
        -> ReprocessSummary {
        let open = Set(try tx.capture.openUnmatchedMessages(entries: ids).map(\.entry))
        var summary = ReprocessSummary(skipped: ids.filter { !open.contains($0) })
        guard !open.isEmpty else { return summary }
        let pipeline = CapturePipeline(book: try tx.addressBook(policy: policy), parser: parser)
        for (entry, result) in try pipeline.reprocess(open.sorted(), actor: actor, origin: origin, in: tx.capture, at: time) {
            summary.outcomes[entry] = Self.words(result)
        }
        return summary
    }

    /// `entries` without repeats, in the order given; refuses an empty list.
    static func distinct(_ entries: [Int64]) throws -> [Int64] {
        var seen: Set<Int64> = []
        let ids = entries.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { throw ReviewRefusal(.noIDs, "") }
        return ids
    }

    static func list(_ ids: [Int64]) -> String { ids.isEmpty ? "none" : ids.map(String.init).joined(separator: " ") }

    /// The outcome as `unmatched reprocess` prints it.
    static func words(_ result: CaptureResult) -> String {
        switch result {
        case .activity: "activity"
        case .unmatched(let reason): "unmatched \(reason.rawValue)"
        case .ignored(let reason): "ignored \(reason.rawValue)"
        case .duplicate: "duplicate"
        }
    }
}
