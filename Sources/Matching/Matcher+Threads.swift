import CRMCore

extension Matcher {
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
            // Only the order flag depends on the thread; others (§12 `privacy_review`) stay as stored.
            var flags = member.flags.filter { $0 != .orderAccountMismatch }
            if !mismatches(of: linked.orders, accounts: member.accounts, book: book).isEmpty {
                flags = Set(flags + [.orderAccountMismatch]).sorted()
            }
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
