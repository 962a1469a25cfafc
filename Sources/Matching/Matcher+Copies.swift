import CRMCore
import MailMIME

extension Matcher {
    /// §12: one message made of its stored copies, `first` being the copy stored first (commit order, never a sort of
    /// their text). A later copy may add to what was stored, never take away or rewrite it:
    /// - content and every header other than the recipients (`From`, subject, date, text, attachments, `Order:N`,
    ///   `In-Reply-To`/`References`, the marks of auto-generated mail, defects) come from `first`;
    /// - the recipients (`To`, `Cc`, `Delivered-To`, `X-Original-To`) are `first`'s followed by the addresses later copies
    ///   add, one entry per address: a copy delivered to another user links that user;
    /// - a never-capture address (§4.9) in any address field of a later copy is not added; it is reported in
    ///   `privacyReview`, and an activity gets the flag `privacy_review` instead of being deleted. Only `first` can
    ///   make a message `excluded`.
    ///
    /// Copies of one message fetched through different mailboxes differ in what delivery adds (`Delivered-To`,
    /// `X-Original-To`), so for such copies the result does not depend on which arrived first.
    public static func mergeCopies(_ first: ParsedMessage, _ later: [ParsedMessage], policy: CapturePolicy) -> MergedCopies {
        var merged = first
        var review: [AuditEntry] = []
        for copy in later {
            review += neverCaptureEntries(copy, policy: policy).filter { !review.contains($0) }
            merged.to = adding(copy.to, to: merged.to, policy: policy)
            merged.cc = adding(copy.cc, to: merged.cc, policy: policy)
            merged.deliveredTo = adding(copy.deliveredTo, to: merged.deliveredTo, policy: policy)
            merged.xOriginalTo = adding(copy.xOriginalTo, to: merged.xOriginalTo, policy: policy)
        }
        return MergedCopies(message: merged, privacyReview: review)
    }

    /// §12: decides a message on its merged copies; an activity carries `privacy_review` when a later copy named a
    /// never-capture address.
    public static func decide(
        _ copies: MergedCopies, identity: MessageIdentity, book: AddressBook, thread: ThreadFacts = ThreadFacts()
    ) -> CaptureDecision {
        var decision = decide(copies.message, identity: identity, book: book, thread: thread)
        if case .activity(var activity) = decision.outcome, !copies.privacyReview.isEmpty {
            activity.flags = flagged(activity.flags, .privacyReview)
            decision.outcome = .activity(activity)
            decision.audit.entries += copies.privacyReview.map(AuditEntry.laterCopy)
        }
        return decision
    }

    /// §12: a stored activity after one more copy of its message arrived: the contacts, users and accounts among the
    /// copy's recipients are added (none removed), `privacy_review` is set when the copy names a never-capture
    /// address, and `order_account_mismatch` is judged again against the grown accounts. Direction, orders and
    /// thread stay what the first copy made them.
    public static func addCopy(_ copy: ParsedMessage, to activity: Activity, book: AddressBook) -> Activity {
        let copy = captured(copy, book: book)
        var result = activity
        var recipients = ParsedMessage()
        recipients.to = adding(copy.to, to: [], policy: book.policy)
        recipients.cc = adding(copy.cc, to: [], policy: book.policy)
        recipients.deliveredTo = adding(copy.deliveredTo, to: [], policy: book.policy)
        recipients.xOriginalTo = adding(copy.xOriginalTo, to: [], policy: book.policy)
        var contacts = Set(activity.contacts)
        var users = Set(activity.users)
        recipients.forwardedBy = copy.forwardedBy
        let participants = Participants(recipients, book: book)
        for participant in participants.recipients + participants.forwarders {
            users.formUnion(participant.resolution.users)
            contacts.formUnion(participant.resolution.contacts)
        }
        var accounts = Set(activity.accounts)
        for contact in contacts { if let account = book.account(of: contact) { accounts.insert(account) } }
        result.contacts = contacts.sorted()
        result.users = users.sorted()
        result.accounts = accounts.sorted()
        var flags = activity.flags.filter { $0 != .orderAccountMismatch }
        if !mismatches(of: result.orders, accounts: result.accounts, book: book).isEmpty { flags.append(.orderAccountMismatch) }
        if !neverCaptureEntries(copy, policy: book.policy).isEmpty { flags.append(.privacyReview) }
        result.flags = Set(flags).sorted()
        return result
    }

    static func flagged(_ flags: [ActivityFlag], _ flag: ActivityFlag) -> [ActivityFlag] {
        Set(flags + [flag]).sorted()
    }

    /// `list` followed by the entries of `extra` whose address it lacks; never-capture addresses of `extra` left out.
    private static func adding(_ extra: [MailAddress], to list: [MailAddress], policy: CapturePolicy) -> [MailAddress] {
        func key(_ entry: MailAddress) -> String { EmailAddress(entry.address)?.value ?? entry.address.trimmingASCIIWhitespace() }
        var seen = Set(list.map(key))
        var result = list
        for entry in extra {
            let k = key(entry)
            guard !k.isEmpty, !seen.contains(k) else { continue }
            if let address = EmailAddress(entry.address), policy.exclusion(of: address) != nil { continue }
            seen.insert(k)
            result.append(entry)
        }
        return result
    }
}
