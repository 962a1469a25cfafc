/// A contact suggested for an unmatched entry (§8 `GET /review/ID`), with why.
public struct CandidateContact: Sendable, Hashable {
    /// Why a contact is suggested. Several reasons add up.
    public enum Reason: Sendable, Hashable {
        /// A contact of an account whose other contacts have addresses in the sender's domain.
        case accountSharesDomain(domain: String)
        /// An earlier entry from the same address was assigned to this contact.
        case earlierAssignment(count: Int)
        /// The contact's name equals the sender's display name (compared without case and extra blanks).
        case sameDisplayName
        /// The contact takes part in the same thread (a captured message this one answers, or that answers it).
        case sameThread
    }

    public var contact: ContactID
    public var contactName: String
    public var account: AccountID
    public var accountName: String
    /// Strongest first.
    public var reasons: [Reason]
    /// Higher ranks first; only the order matters.
    public var score: Int

    public init(contact: ContactID, contactName: String, account: AccountID, accountName: String, reasons: [Reason],
                score: Int) {
        self.contact = contact
        self.contactName = contactName
        self.account = account
        self.accountName = accountName
        self.reasons = reasons
        self.score = score
    }
}
