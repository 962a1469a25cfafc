import CRMCore

/// Ranks the contacts an unknown address of the review queue may belong to (§8 `GET /review/ID`, "by person"): a pure
/// function of the facts about the address and the address book, so it is tested without a database.
///
/// Signals, strongest first; each gives a contact points and a reason, several add up:
/// - an earlier entry from the same address was assigned to the contact (an administrator said so before);
/// - the contact's name is the sender's display name (`PersonName`: case, blanks, word order);
/// - the contact takes part in the entry's captured thread;
/// - the contact is on an account whose contacts have addresses in the sender's domain, unless the domain is a public
///   mail provider (`PublicMailDomains`) or the company's own. A contact of such an account that has no address in
///   the domain itself gets more than one that has: a known person of that company normally writes from the address
///   we know, so a new address there more likely belongs to a colleague we hold without it.
/// Ties are broken by contact id. Rejected contacts are never returned; an address of a user has no candidates
/// (§2: it is the user's).
public enum CandidateRanker {
    static let assignedWeight = 1_000
    /// Per earlier assignment, up to `assignedCountCap` of them.
    static let assignedStep = 10
    static let assignedCountCap = 50
    static let nameWeight = 300
    static let threadWeight = 250
    static let domainWeight = 100
    static let domainWeightKnownThere = 60

    /// The candidates for `facts.address`, best first, at most `limit`.
    public static func rank(_ facts: CandidateFacts, in directory: CandidateDirectory, limit: Int = 10)
        -> [CandidateContact] {
        guard limit > 0, !directory.userAddresses.contains(facts.address) else { return [] }
        var found: [ContactID: (score: Int, reasons: [CandidateContact.Reason])] = [:]
        func add(_ contact: ContactID, _ reason: CandidateContact.Reason, _ points: Int) {
            guard directory.cards[contact] != nil, !facts.rejected.contains(contact) else { return }
            found[contact, default: (0, [])].score += points
            found[contact, default: (0, [])].reasons.append(reason)
        }
        for (contact, count) in facts.earlierAssignments where count > 0 {
            add(contact, .earlierAssignment(count: count),
                assignedWeight + assignedStep * min(count, assignedCountCap))
        }
        if let name = facts.displayName, let key = PersonName.key(name) {
            for contact in directory.contactsByName[key] ?? [] { add(contact, .sameDisplayName, nameWeight) }
        }
        for contact in facts.threadContacts { add(contact, .sameThread, threadWeight) }
        let domain = String(facts.address.domain)
        if directory.isCompanyDomain(domain) {
            for account in directory.accountsByDomain[domain] ?? [] {
                for contact in directory.contactsByAccount[account] ?? [] {
                    let knownThere = directory.domainsByContact[contact]?.contains(domain) == true
                    add(contact, .accountSharesDomain(domain: domain),
                        knownThere ? domainWeightKnownThere : domainWeight)
                }
            }
        }
        let ranked = found.sorted { a, b in a.value.score != b.value.score ? a.value.score > b.value.score : a.key < b.key }
        return ranked.prefix(limit).compactMap { contact, value in
            guard let card = directory.cards[contact] else { return nil }
            return CandidateContact(contact: contact, contactName: card.name, account: card.account,
                                    accountName: card.accountName, reasons: value.reasons, score: value.score)
        }
    }
}
