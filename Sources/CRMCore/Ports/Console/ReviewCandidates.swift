import Foundation

/// Ranked candidate contacts for the review queue, and the queue grouped by unknown address (§8).
/// Implemented over the store; the ranking itself is a pure function of the facts the store provides.
public protocol ReviewCandidates: Sendable {
    /// The candidates for entry `id`, best first, at most `limit`; suggestions rejected for the entry's sender are
    /// left out. Empty when the entry does not exist.
    func candidates(forEntry id: Int64, limit: Int) throws -> [CandidateContact]
    /// Open entries grouped by sender address, the address with the most entries first, paged.
    func unknownPeople(offset: Int, limit: Int) throws -> [UnknownPerson]
    /// "Not this one": `contact` is never suggested again for `address`; audited as `actor` acting from `origin`.
    func rejectSuggestion(address: EmailAddress, contact: ContactID, actor: String, origin: AuditOrigin,
                          at time: Date) throws
}

extension ReviewCandidates {
    /// A rejection from the command line.
    public func rejectSuggestion(address: EmailAddress, contact: ContactID, actor: String, at time: Date) throws {
        try rejectSuggestion(address: address, contact: contact, actor: actor, origin: .cli, at: time)
    }
}
