import Foundation

/// The store as the users' digest sees it (§11): who can get a digest, the open entries that found no customer,
/// and which of them each user was already sent.
public protocol DigestStore: Sendable {
    /// The address book snapshot under `policy` (capture addresses are no recipients).
    func addressBook(policy: CapturePolicy) throws -> AddressBook
    /// Every user, with the time of their last digest the mail server accepted.
    func digestRecipients() throws -> [DigestRecipient]
    /// The open unmatched entries `no_contact_recipient` and `unknown_sender` whose message was captured at or after
    /// `capturedSince`, oldest first.
    func digestCandidates(capturedSince: Date) throws -> [DigestCandidate]
    /// The entries already sent to each user, among entries `firstEntry` and later.
    func digestedEntries(from firstEntry: Int64) throws -> [UserID: Set<Int64>]
    /// Records that the server accepted `user`'s digest listing `entries`, made from what was captured up to `asOf`:
    /// one transaction, so a digest is recorded whole or not at all.
    func recordDigest(of user: UserID, entries: [Int64], asOf: Date) throws
}
