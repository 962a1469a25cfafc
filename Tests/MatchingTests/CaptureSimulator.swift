import CRMCore
import MailMIME
@testable import Matching

/// A reference writer in memory: what the store and activity writer of issue #3 must do with decisions.
///
/// Per message: compute the identity, skip duplicates, gather the thread (every captured message connected through
/// `In-Reply-To`/`References` ids, both ways, any depth), decide, store the outcome and apply `threadUpdates`.
struct CaptureSimulator {
    let book: AddressBook
    private(set) var activities: [MessageIdentity: Activity] = [:]
    private(set) var unmatched: [MessageIdentity: UnmatchedReason] = [:]
    private(set) var ignored: [MessageIdentity: IgnoredReason] = [:]
    private(set) var duplicates = 0

    init(book: AddressBook) { self.book = book }

    mutating func capture(_ message: ParsedMessage, bytes: [UInt8]) {
        let identity = MessageIdentity(message, rawBytes: bytes)
        guard activities[identity] == nil, unmatched[identity] == nil else {
            duplicates += 1
            return
        }
        let parents = Matching.threadParents(of: message, identity: identity)
        let decision = Matching.decide(message, identity: identity, book: book, thread: thread(of: identity, parents: parents))
        switch decision.outcome {
        case .activity(let activity): activities[identity] = activity
        case .unmatched(let reason): unmatched[identity] = reason
        case .ignored(let reason): ignored[identity] = reason
        }
        for update in decision.threadUpdates {
            activities[update.identity]?.orders = update.orders
            activities[update.identity]?.inheritedFrom = update.inheritedFrom
            activities[update.identity]?.flags = update.flags
        }
    }

    /// The captured messages connected to a new message (identity, parents) through ids, in both directions.
    func thread(of identity: MessageIdentity, parents: [MessageIdentity]) -> ThreadFacts {
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
