import CRMCore
import Foundation
import MailMIME
import Matching

/// The review queue of §5. Every action appends to the audit log (who, when, from where, what) in the same
/// transaction; `origin` is `.console` for the admin console's actions.
///
/// Decisions where the contract is silent:
/// - Only `open` entries can be assigned or dismissed; an assigned or dismissed entry stays in the queue with its
///   status (for `export unmatched`), and its message is never decided again.
/// - `assign` makes an activity linking the chosen contact, every user and contact among sender and recipients and
///   their accounts; the direction is outgoing when the sender is a user, else incoming; orders as in §4.7.
/// - `reprocess` decides open entries again with the current address book: one that becomes an activity leaves
///   the queue (as if it had been captured now), one that stays unmatched keeps its id with the new reason. A
///   `too_large` or `unprocessable` entry stays as it is (§12: only its header was kept, or capturing it failed three
///   times; `assign` and `dismiss` settle it).
extension CapturePipeline {
    /// `unmatched assign ID --contact CID`.
    public func assign(_ entry: Int64, to contact: ContactID, actor: String, origin: AuditOrigin = .cli,
                       in tx: any CaptureTransaction, at time: Date = Date()) throws {
        let message = try openEntry(entry, in: tx)
        guard book.contacts[contact] != nil else { throw ReviewError(entry: entry, message: "no contact \(contact)") }
        guard let stored = try tx.message(id: message) else { throw ReviewError(entry: entry, message: "no message") }
        let copies = try tx.rawCopies(of: message).map { parser.parse($0.bytes) }
        let merged = Matcher.mergeCopies(copies.first ?? ParsedMessage(), Array(copies.dropFirst()), book: book)
        let parsed = merged.message
        var activity = assignedActivity(parsed, identity: stored.identity, contact: contact)
        let thread = try threadFacts(of: stored.identity, parents: activity.threadParents, in: tx).members
            .filter { $0.identity != stored.identity }
        var member = ThreadMember(identity: stored.identity, activity: activity)
        member.orders = []
        member.flags = []
        let updates = Matcher.reconcileThread(thread + [member], book: book)
        if let own = updates.first(where: { $0.identity == stored.identity }) {
            activity.orders = own.orders
            activity.inheritedFrom = own.inheritedFrom
            activity.flags = own.flags
        }
        if !merged.privacyReview.isEmpty { activity.flags = Set(activity.flags + [.privacyReview]).sorted() }
        try tx.closeUnmatched(entry, status: "assigned", contact: contact, why: nil, at: time)
        try tx.setOutcome(of: message, .activity(ActivityRecord(activity), attachments: attachments(parsed)), at: time)
        try tx.applyOrderChanges(updates.filter { $0.identity != stored.identity }.map(ActivityOrderChange.init))
        try tx.appendAudit(AuditLogEntry(at: time, actor: actor, origin: origin, action: "assign",
                                         target: "unmatched \(entry)", detail: "contact \(contact)"))
    }

    /// `unmatched dismiss ID --why TEXT`.
    public func dismiss(_ entry: Int64, why: String, actor: String, origin: AuditOrigin = .cli,
                        in tx: any CaptureTransaction, at time: Date = Date()) throws {
        _ = try openEntry(entry, in: tx)
        try tx.closeUnmatched(entry, status: "dismissed", contact: nil, why: why, at: time)
        try tx.appendAudit(AuditLogEntry(at: time, actor: actor, origin: origin, action: "dismiss",
                                         target: "unmatched \(entry)", detail: why))
    }

    /// `unmatched reprocess [ID...]`: the new outcome of each open entry, by entry id.
    public func reprocess(_ entries: [Int64]?, actor: String, origin: AuditOrigin = .cli,
                          in tx: any CaptureTransaction,
                          at time: Date = Date()) throws -> [(entry: Int64, result: CaptureResult)] {
        if let entries {
            for entry in entries { _ = try openEntry(entry, in: tx) }
        }
        return try tx.openUnmatchedMessages(entries: entries).map { entry, message in
            guard let stored = try tx.message(id: message) else { return (entry, .ignored(.excluded)) }
            // §12: what is kept of a too-large message is its header, which cannot decide what the whole would be;
            // an unprocessable one failed three times already (and may hold only its header, or nothing).
            let kept = try tx.unmatchedReason(of: message).flatMap(UnmatchedReason.init(rawValue:))
            let result: CaptureResult = if let kept, kept == .tooLarge || kept == .unprocessable {
                .unmatched(kept)
            } else {
                try decideAgain(message, identity: stored.identity, in: tx, at: time)
            }
            try tx.appendAudit(AuditLogEntry(at: time, actor: actor, origin: origin, action: "reprocess",
                                             target: "unmatched \(entry)", detail: Self.describe(result)))
            return (entry, result)
        }
    }

    static func describe(_ result: CaptureResult) -> String {
        switch result {
        case .activity: "activity"
        case .unmatched(let reason): "unmatched \(reason.rawValue)"
        case .ignored(let reason): "ignored \(reason.rawValue)"
        case .duplicate: "duplicate"
        }
    }

    private func openEntry(_ entry: Int64, in tx: any CaptureTransaction) throws -> Int64 {
        guard let found = try tx.unmatchedEntry(entry) else { throw ReviewError(entry: entry, message: "no such entry") }
        guard found.status == "open" else { throw ReviewError(entry: entry, message: "is \(found.status), not open") }
        return found.message
    }

    /// The activity `assign` makes (orders not yet resolved through the thread).
    func assignedActivity(_ parsed: ParsedMessage, identity: MessageIdentity, contact: ContactID) -> Activity {
        var users: Set<UserID> = []
        var contacts: Set<ContactID> = [contact]
        let sender = parsed.from.first.flatMap { EmailAddress($0.address) }
        let everyone = [parsed.from.first].compactMap { $0 } + parsed.to + parsed.cc + parsed.deliveredTo + parsed.xOriginalTo
            + parsed.forwardedBy
        for entry in everyone {
            guard let address = EmailAddress(entry.address), !book.policy.isCaptureAddress(address) else { continue }
            let found = book.users(for: address)
            if found.isEmpty { contacts.formUnion(book.contacts(for: address)) } else { users.formUnion(found) }
        }
        let accounts = Set(contacts.compactMap { book.account(of: $0) })
        let direction: Direction = sender.map { !book.users(for: $0).isEmpty } == true ? .outgoing : .incoming
        let refs = parsed.orderRefs.filter { $0 > 0 }.map(OrderNumber.init)
        var own: [OrderNumber] = []
        var unresolved: [OrderNumber] = []
        for number in refs {
            if book.order(number) != nil { if !own.contains(number) { own.append(number) } }
            else if !unresolved.contains(number) { unresolved.append(number) }
        }
        var activity = Activity(
            direction: direction, contacts: contacts.sorted(), accounts: accounts.sorted(), users: users.sorted(),
            orders: own.sorted(), ownOrders: own.sorted(), unresolvedOrders: unresolved.sorted(),
            threadParents: Matcher.threadParents(of: parsed, identity: identity))
        // Numbers that can be no order (0, beyond Int64) stay unresolved references by their digits (§4.7).
        var digits: [String] = parsed.orderRefs.contains(0) ? ["0"] : []
        for text in parsed.largeOrderRefs where !digits.contains(text) { digits.append(text) }
        activity.unresolvedOrderDigits = digits
        return activity
    }
}
