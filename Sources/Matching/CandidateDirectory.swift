import CRMCore

/// The address book indexed for the candidate ranking (§8): contacts by account, by the domains of their
/// addresses and by name, and the company's own addresses and domains. Built once per page, shared by every entry
/// ranked on it.
public struct CandidateDirectory: Sendable {
    /// The contacts by id.
    public let cards: [ContactID: ContactCard]
    let contactsByAccount: [AccountID: [ContactID]]
    /// For each domain, the accounts with a contact address in it, sorted.
    let accountsByDomain: [String: [AccountID]]
    /// For each contact, the domains of its addresses.
    let domainsByContact: [ContactID: Set<String>]
    let contactsByName: [String: [ContactID]]
    let userAddresses: Set<EmailAddress>
    let contactAddresses: Set<EmailAddress>
    /// The domains of the users' addresses: the company's own.
    let ownDomains: Set<String>

    /// `userAddresses`: every address of `users.csv`.
    public init(contacts: [ContactCard], userAddresses: [EmailAddress]) {
        cards = Dictionary(contacts.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var byAccount: [AccountID: [ContactID]] = [:]
        var byDomain: [String: Set<AccountID>] = [:]
        var domains: [ContactID: Set<String>] = [:]
        var byName: [String: [ContactID]] = [:]
        for card in cards.values {
            byAccount[card.account, default: []].append(card.id)
            for address in card.addresses {
                let domain = String(address.domain)
                byDomain[domain, default: []].insert(card.account)
                domains[card.id, default: []].insert(domain)
            }
            if let key = PersonName.key(card.name) { byName[key, default: []].append(card.id) }
        }
        contactsByAccount = byAccount.mapValues { $0.sorted() }
        accountsByDomain = byDomain.mapValues { $0.sorted() }
        domainsByContact = domains
        contactsByName = byName.mapValues { $0.sorted() }
        self.userAddresses = Set(userAddresses)
        contactAddresses = Set(cards.values.flatMap(\.addresses))
        ownDomains = Set(userAddresses.map { String($0.domain) })
    }

    /// Whether a shared `domain` says something about a company: not a public mail provider, not the company's own.
    func isCompanyDomain(_ domain: String) -> Bool {
        !ownDomains.contains(domain) && !PublicMailDomains.contains(domain)
    }
}

extension CandidateDirectory {
    /// Whether `address` is a user's (§2: then it is nobody unknown).
    public func isUserAddress(_ address: EmailAddress) -> Bool { userAddresses.contains(address) }

    /// Whether some contact has `address`.
    public func isContactAddress(_ address: EmailAddress) -> Bool { contactAddresses.contains(address) }
}
