import CRMCore
import MailMIME
@testable import Matching

/// A reference writer in memory: what the store and activity writer must do with decisions (§4, §12).
///
/// Per message: compute the identity; if it is excluded already, it is a duplicate (the writer keeps the identity of
/// an excluded message, nothing else); if its bytes are stored already, nothing changes; if the message is stored
/// (activity or unmatched), the copy is kept after the others (commit order) and: an activity gains the links of the
/// copy's recipients (`Matcher.addCopy`), an unmatched entry is decided on the merge of its copies (first copy's
/// content, every copy's recipients, `Matcher.mergeCopies`) and changes only when that makes it an activity; else
/// the message is decided alone. Every decision gets the thread (every captured message connected through
/// `In-Reply-To`/`References` ids, both ways, any depth); `threadUpdates` are applied.
struct CaptureSimulator {
    let book: AddressBook
    /// The final outcome of every identity seen (an `internal` one is only counted by the real writer).
    private(set) var outcomes: [MessageIdentity: CaptureOutcome] = [:]
    /// The raw copies of stored messages (activities and unmatched entries), in the order they were stored.
    private var copies: [MessageIdentity: [(bytes: [UInt8], message: ParsedMessage)]] = [:]

    init(book: AddressBook) { self.book = book }

    var activities: [MessageIdentity: Activity] { outcomes.compactMapValues { if case .activity(let a) = $0 { a } else { nil } } }

    mutating func capture(_ message: ParsedMessage, bytes: [UInt8]) {
        let identity = MessageIdentity(message, rawBytes: bytes)
        if outcomes[identity] == .ignored(.excluded) { return }
        var stored = copies[identity] ?? []
        guard !stored.contains(where: { $0.bytes == bytes }) else { return }
        stored.append((bytes, message))
        if stored.count > 1 {
            copies[identity] = stored
            if case .activity(let activity) = outcomes[identity] {
                outcomes[identity] = .activity(Matcher.addCopy(message, to: activity, book: book))
                return
            }
        }
        let merged = Matcher.mergeCopies(stored[0].message, stored.dropFirst().map(\.message), policy: book.policy)
        let parents = Matcher.threadParents(of: merged.message, identity: identity)
        let decision = Matcher.decide(merged, identity: identity, book: book, thread: thread(of: identity, parents: parents))
        if stored.count > 1, decision.activity == nil { return }  // §12: an unmatched entry is not rewritten
        outcomes[identity] = decision.outcome
        switch decision.outcome {
        case .activity, .unmatched: copies[identity] = stored
        case .ignored: copies[identity] = nil
        }
        for update in decision.threadUpdates {
            guard case .activity(var activity) = outcomes[update.identity] else { continue }
            activity.orders = update.orders
            activity.inheritedFrom = update.inheritedFrom
            activity.flags = update.flags
            outcomes[update.identity] = .activity(activity)
        }
    }

    /// The captured messages connected to a message (identity, parents) through ids, in both directions.
    func thread(of identity: MessageIdentity, parents: [MessageIdentity]) -> ThreadFacts {
        let activities = activities
        var neighbours: [MessageIdentity: Set<MessageIdentity>] = [:]
        func connect(_ a: MessageIdentity, _ b: MessageIdentity) {
            neighbours[a, default: []].insert(b)
            neighbours[b, default: []].insert(a)
        }
        for (id, activity) in activities { for parent in activity.threadParents { connect(id, parent) } }
        for parent in parents { connect(identity, parent) }
        var seen: Set<MessageIdentity> = [identity]
        var pending = [identity]
        while let next = pending.popLast() {
            for neighbour in neighbours[next] ?? [] where seen.insert(neighbour).inserted { pending.append(neighbour) }
        }
        let members = seen.compactMap { id in activities[id].map { ThreadMember(identity: id, activity: $0) } }
        return ThreadFacts(members.sorted { $0.identity < $1.identity })
    }
}
