import CRMCore

/// Whether an address stands as the sender or a recipient (§4.3).
public enum ParticipantRole: String, Sendable, Hashable, Codable {
    case sender
    case recipient
}

/// What an address stands for (§2).
public enum AddressResolution: Sendable, Hashable {
    /// Users' address; contacts sharing it are shadowed, not linked (a user address wins).
    case users([UserID], shadowedContacts: [ContactID])
    /// Contacts' address (all of them when shared).
    case contacts([ContactID])
    /// Nobody's address.
    case unknown

    var users: [UserID] { if case .users(let ids, _) = self { ids } else { [] } }
    var contacts: [ContactID] { if case .contacts(let ids) = self { ids } else { [] } }
}
