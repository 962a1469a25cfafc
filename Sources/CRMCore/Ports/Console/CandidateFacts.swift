/// What the store knows about one unknown address of the review queue, the input of the candidate ranking (§8):
/// the address with the display name it was seen with, the contacts earlier entries from it were assigned to, the
/// contacts of the captured thread its entry belongs to, and the suggestions rejected for it.
public struct CandidateFacts: Sendable, Hashable {
    public var address: EmailAddress
    /// As the message gave it (not normalised), nil when it had none.
    public var displayName: String?
    /// Assigned entries from this address, by the contact they were assigned to.
    public var earlierAssignments: [ContactID: Int]
    /// The contacts of the captured activities of the entry's thread (answered by it or answering it, any depth).
    public var threadContacts: Set<ContactID>
    /// "Not this one": never suggested again for this address.
    public var rejected: Set<ContactID>

    public init(address: EmailAddress, displayName: String? = nil, earlierAssignments: [ContactID: Int] = [:],
                threadContacts: Set<ContactID> = [], rejected: Set<ContactID> = []) {
        self.address = address
        self.displayName = displayName
        self.earlierAssignments = earlierAssignments
        self.threadContacts = threadContacts
        self.rejected = rejected
    }
}
