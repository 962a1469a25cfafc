import CRMCore

/// Follows parent links inside one thread to find the orders each captured message links (§4.7).
///
/// Each member's result is memoised along the path that computed it, so resolving a whole thread is linear in its
/// size even for long chains of replies.
struct ThreadResolver {
    struct Linked: Equatable {
        var orders: [OrderNumber]
        /// The parent the orders come from; nil when the message has its own references or links nothing.
        var inheritedFrom: MessageIdentity?
    }

    private let members: [MessageIdentity: ThreadMember]

    /// Later members with the same identity replace earlier ones.
    init(_ members: [ThreadMember]) {
        self.members = Dictionary(members.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The nearest captured message `member` names: `parents` are nearest first.
    func parent(of member: ThreadMember) -> ThreadMember? {
        for id in member.parents where id != member.identity {
            if let parent = members[id] { return parent }
        }
        return nil
    }

    /// The linked orders of every member.
    func resolve() -> [MessageIdentity: Linked] {
        var orders: [MessageIdentity: [OrderNumber]] = [:]
        for member in members.values { _ = self.orders(of: member, memo: &orders) }
        return Dictionary(uniqueKeysWithValues: members.values.map { member in
            (member.identity, linked(member, orders: orders[member.identity] ?? []))
        })
    }

    /// The linked orders of one member.
    func linked(_ member: ThreadMember) -> Linked {
        var memo: [MessageIdentity: [OrderNumber]] = [:]
        return linked(member, orders: orders(of: member, memo: &memo))
    }

    private func linked(_ member: ThreadMember, orders: [OrderNumber]) -> Linked {
        let inherited = !member.hasOwnOrderReferences && !orders.isEmpty
        return Linked(orders: orders, inheritedFrom: inherited ? parent(of: member)?.identity : nil)
    }

    /// Walks up from `member` to the first message with its own references (its orders), a message that answers no
    /// captured message, or a message seen on this walk (a loop: nothing); every message on the way gets the result.
    private func orders(of member: ThreadMember, memo: inout [MessageIdentity: [OrderNumber]]) -> [OrderNumber] {
        var path: [MessageIdentity] = []
        var onPath: Set<MessageIdentity> = []
        var current: ThreadMember? = member
        var result: [OrderNumber] = []
        while let node = current {
            if let known = memo[node.identity] {
                result = known
                break
            }
            guard onPath.insert(node.identity).inserted else { break }
            path.append(node.identity)
            if node.hasOwnOrderReferences {
                result = node.ownOrders
                break
            }
            current = parent(of: node)
        }
        for id in path { memo[id] = result }
        return result
    }
}
