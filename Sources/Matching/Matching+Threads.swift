import CRMCore

extension Matching {
    /// Recomputes the linked orders of every captured message of a thread (§4.7) and returns those that differ from
    /// what is stored, sorted by identity.
    ///
    /// The writer calls this after any change of a thread's membership that does not go through `decide` (an
    /// unmatched entry assigned to a contact, an activity archived…); `decide` uses it for the new message.
    ///
    /// The linked orders of a message are its own known orders when it has `Order:N` references; otherwise those of
    /// its parent — the nearest captured message it names (`In-Reply-To` first, then `References` from the last) —
    /// recursively, so a chain of replies without references links the orders of the first message that has some.
    /// This depends only on the set of captured messages, never on their arrival order. A loop of ids (forged headers)
    /// links nothing.
    public static func reconcileThread(_ members: [ThreadMember], book: AddressBook) -> [ThreadOrderUpdate] {
        let resolved = ThreadResolver(members).resolve()
        return members.compactMap { member -> ThreadOrderUpdate? in
            guard let linked = resolved[member.identity] else { return nil }
            let flags = mismatches(of: linked.orders, accounts: member.accounts, book: book).isEmpty
                ? [] : [ActivityFlag.orderAccountMismatch]
            guard linked.orders != member.orders || flags != member.flags else { return nil }
            return ThreadOrderUpdate(
                identity: member.identity, orders: linked.orders, inheritedFrom: linked.inheritedFrom, flags: flags
            )
        }.sorted { $0.identity < $1.identity }
    }

    /// The linked orders whose account is none of `accounts`, their parents or their subsidiaries (any depth),
    /// with that account. Orders the address book no longer knows are not judged.
    static func mismatches(
        of orders: [OrderNumber], accounts: [AccountID], book: AddressBook
    ) -> [(OrderNumber, AccountID)] {
        guard !orders.isEmpty else { return [] }
        let family = accounts.reduce(into: Set<AccountID>()) { $0.formUnion(book.family(of: $1)) }
        return orders.compactMap { number in
            guard let account = book.order(number)?.account, !family.contains(account) else { return nil }
            return (number, account)
        }
    }
}

/// Follows parent links inside one thread.
struct ThreadResolver {
    struct Linked: Equatable {
        var orders: [OrderNumber]
        var inheritedFrom: MessageIdentity?
    }

    private let members: [MessageIdentity: ThreadMember]

    /// Later members with the same identity replace earlier ones.
    init(_ members: [ThreadMember]) {
        self.members = Dictionary(members.map { ($0.identity, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The nearest captured message `member` names.
    func parent(of member: ThreadMember) -> ThreadMember? {
        for id in member.parents where id != member.identity {
            if let parent = members[id] { return parent }
        }
        return nil
    }

    /// The linked orders of every member.
    func resolve() -> [MessageIdentity: Linked] {
        members.mapValues(linked(_:))
    }

    func linked(_ member: ThreadMember) -> Linked {
        if member.hasOwnOrderReferences { return Linked(orders: member.ownOrders, inheritedFrom: nil) }
        guard let first = parent(of: member) else { return Linked(orders: [], inheritedFrom: nil) }
        var visited: Set<MessageIdentity> = [member.identity]
        var current = first
        while visited.insert(current.identity).inserted {
            if current.hasOwnOrderReferences {
                return Linked(orders: current.ownOrders, inheritedFrom: current.ownOrders.isEmpty ? nil : first.identity)
            }
            guard let next = parent(of: current) else { break }
            current = next
        }
        return Linked(orders: [], inheritedFrom: nil)
    }
}
