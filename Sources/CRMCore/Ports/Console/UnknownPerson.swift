import Foundation

/// One unknown address of the review queue seen as a person (§8 "by person"): one decision settles all its entries.
public struct UnknownPerson: Sendable, Hashable {
    public var address: EmailAddress
    /// The display name of its newest entry, if any.
    public var displayName: String?
    /// Open entries from this address.
    public var openEntries: Int
    public var newestSubject: String?
    public var newestDate: Date?
    /// The best remaining candidate (rejected suggestions excluded), nil when there is none.
    public var bestCandidate: CandidateContact?

    public init(address: EmailAddress, displayName: String?, openEntries: Int, newestSubject: String?,
                newestDate: Date?, bestCandidate: CandidateContact?) {
        self.address = address
        self.displayName = displayName
        self.openEntries = openEntries
        self.newestSubject = newestSubject
        self.newestDate = newestDate
        self.bestCandidate = bestCandidate
    }
}
