import Foundation

/// The review queue of the admin console (§5, §8): what the pages list and show, and the actions on many entries at
/// once. Implemented in CRMServiceApp over the store and the capture pipeline (the CLI's `unmatched` commands share
/// that pipeline).
///
/// Every action takes the person acting and is audited, with the ids it touched, in the same transaction as the
/// change. An action on ids of which some are no longer open (another person was quicker) acts on the open ones and
/// reports the others as skipped; an unknown contact or account refuses the whole action (`ReviewRefusal`).
public protocol ReviewQueue: Sendable {
    /// A page of open entries (or flagged activities) matching `filter`, newest first, with the total count.
    func items(_ filter: ReviewFilter) throws -> ReviewListing
    /// One entry or flagged activity in detail; nil when there is none.
    func item(_ ref: ReviewItemRef) throws -> ReviewItemDetail?
    /// The raw message (its first stored copy); nil when there is none.
    func rawMessage(_ ref: ReviewItemRef) throws -> ReviewFile?
    /// The bytes of attachment `index` (0-based, as `ReviewItemDetail.attachments` lists them); nil when there is none.
    func attachment(_ ref: ReviewItemRef, index: Int) throws -> ReviewFile?
    /// The mailboxes stored messages came through, for the filter form.
    func mailboxes() throws -> [String]
    /// Accounts a new contact for the item's sender could go on: those whose contacts share the sender's domain
    /// first (preselected), then the others by name, at most `limit`.
    func accountChoices(for ref: ReviewItemRef, limit: Int) throws -> [ReviewAccountChoice]

    /// Makes each open entry an activity on `contact` (as `unmatched assign`), in one transaction.
    func assign(_ entries: [Int64], to contact: ContactID, actor: String, at time: Date) throws -> ReviewActionResult
    /// Closes each open entry with `why` (as `unmatched dismiss`), in one transaction.
    func dismiss(_ entries: [Int64], why: String, actor: String, at time: Date) throws -> ReviewActionResult
    /// Decides open entries again with the address book as it is now (as `unmatched reprocess ID...`).
    func reprocess(_ entries: [Int64], actor: String, at time: Date) throws -> ReprocessSummary
    /// Remembers `address` as one of a contact's addresses, or as never to be captured, then reprocesses the open
    /// entries that name it.
    func remember(_ address: EmailAddress, as target: RememberTarget, actor: String, at time: Date) throws
        -> ReprocessSummary
    /// Creates a contact on an account with one address, then reprocesses the open entries that name the address.
    func addContact(_ contact: NewContact, actor: String, at time: Date) throws -> ReprocessSummary
    /// Settles activities flagged `privacy_review` (§12): keep them (the flag is cleared) or exclude them as §4.9
    /// would have (only the message's identity is kept).
    func settlePrivacyReview(_ activities: [Int64], _ decision: PrivacyDecision, actor: String, at time: Date) throws
        -> ReviewActionResult
}
