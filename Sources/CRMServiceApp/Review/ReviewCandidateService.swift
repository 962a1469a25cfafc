import CRMCore
import Foundation
import MailMIME
import Matching
import Store

/// `ReviewCandidates` over the store (§8): the store gives the facts, `CandidateRanker` ranks them.
///
/// Decisions where the contract is silent:
/// - The person an entry is about is its sender (for a user's forward to the capture address, §11, the forwarded
///   original's sender, as stored); when the sender is a user (outgoing mail to someone unknown,
///   `no_contact_recipient`), the first recipient in `To`, then `Cc`, that is neither a user, a contact nor a capture
///   address. Rejections, earlier assignments and the domain are those of that address.
/// - "By person" groups open entries by sender address, as stored; the display name, the thread and so the best
///   candidate are those of the address's newest entry. A group whose address is a user's has no candidate.
public struct ReviewCandidateService: ReviewCandidates {
    let database: AppDatabase
    let policy: CapturePolicy
    let parser = MIMEParser()
    let cache = CandidateDirectoryCache()

    public init(database: AppDatabase, policy: CapturePolicy = CapturePolicy()) {
        self.database = database
        self.policy = policy
    }

    public func candidates(forEntry id: Int64, limit: Int) throws -> [CandidateContact] {
        guard let head = try database.unmatchedEntryHead(id) else { return [] }
        let directory = try self.directory()
        guard let facts = try facts(of: head, directory: directory, address: nil) else { return [] }
        return CandidateRanker.rank(facts, in: directory, limit: limit)
    }

    public func unknownPeople(offset: Int, limit: Int) throws -> [UnknownPerson] {
        let groups = try database.unmatchedSenderGroups(offset: offset, limit: limit)
        guard !groups.isEmpty else { return [] }
        let directory = try self.directory()
        let addresses = groups.map(\.address)
        let earlier = try database.earlierAssignments(of: addresses)
        let rejected = try database.rejectedSuggestions(of: addresses)
        return try groups.map { group in
            var facts = CandidateFacts(address: group.address)
            if let head = try database.unmatchedEntryHead(group.newestEntry),
               let found = try self.facts(of: head, directory: directory, address: group.address,
                                          earlier: earlier, rejected: rejected) {
                facts = found
            }
            return UnknownPerson(address: group.address, displayName: facts.displayName, openEntries: group.openEntries,
                                 newestSubject: group.newestSubject, newestDate: group.newestDate,
                                 bestCandidate: CandidateRanker.rank(facts, in: directory, limit: 1).first)
        }
    }

    public func rejectSuggestion(address: EmailAddress, contact: ContactID, actor: String, origin: AuditOrigin,
                                 at time: Date) throws {
        try database.rejectSuggestion(address: address, contact: contact, actor: actor, origin: origin, at: time)
    }

    func directory() throws -> CandidateDirectory { try cache.directory(database) }

    /// The facts of the entry `head` about `address` (nil: the person the entry is about); nil when the entry has no
    /// person (no sender address, or a user's mail to nobody unknown). `earlier` and `rejected` are read for the
    /// address when not given.
    func facts(
        of head: UnmatchedEntryHead, directory: CandidateDirectory, address: EmailAddress?,
        earlier: [EmailAddress: [ContactID: Int]]? = nil, rejected: [EmailAddress: Set<ContactID>]? = nil
    ) throws -> CandidateFacts? {
        let parsed = parser.parse(Self.headerBlock(head.head))
        guard let (person, name) = address.map({ ($0, Self.name(of: $0, in: parsed)) })
                ?? self.person(of: parsed, stored: head.from, directory: directory) else { return nil }
        let parents = Matcher.threadParents(of: parsed, identity: head.identity)
        return CandidateFacts(
            address: person, displayName: name,
            earlierAssignments: try (earlier ?? database.earlierAssignments(of: [person]))[person] ?? [:],
            threadContacts: try database.threadContacts(of: head.identity, parents: parents),
            rejected: try (rejected ?? database.rejectedSuggestions(of: [person]))[person] ?? [])
    }

    /// The sender, or for a user's mail its first unknown recipient; with the display name it was given.
    func person(of parsed: ParsedMessage, stored: String?, directory: CandidateDirectory)
        -> (EmailAddress, String?)? {
        guard let sender = parsed.from.first.flatMap({ EmailAddress($0.address) }) ?? stored.flatMap(EmailAddress.init)
        else { return nil }
        guard directory.isUserAddress(sender) else { return (sender, Self.name(of: sender, in: parsed)) }
        // §11: a user's forward to the capture address is stored as the original, whose sender the header block
        // (the forward's) does not show; the stored sender is the original's.
        if let original = stored.flatMap(EmailAddress.init), original != sender, !directory.isUserAddress(original) {
            return (original, nil)
        }
        for entry in parsed.to + parsed.cc {
            guard let address = EmailAddress(entry.address), !directory.isUserAddress(address),
                  !directory.isContactAddress(address), !policy.isCaptureAddress(address) else { continue }
            return (address, entry.name)
        }
        return nil
    }

    /// The display name `address` has in the message's `From`, `To` or `Cc`.
    static func name(of address: EmailAddress, in parsed: ParsedMessage) -> String? {
        (parsed.from + parsed.to + parsed.cc).first { EmailAddress($0.address) == address && $0.name != nil }?.name
    }

    /// The bytes up to the blank line that ends the header block: the parser need not see the body.
    static func headerBlock(_ bytes: [UInt8]) -> [UInt8] {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A {
                if bytes[index + 1] == 0x0A { return Array(bytes[...(index + 1)]) }
                if bytes[index + 1] == 0x0D, index + 2 < bytes.count, bytes[index + 2] == 0x0A {
                    return Array(bytes[...(index + 2)])
                }
            }
            index += 1
        }
        return bytes
    }
}
