import CRMCore

extension Matcher {
    /// §4.7: resolves the message's own `Order:N` references, inherits through the thread when it has none, flags
    /// `order_account_mismatch`, and returns the updates of already-captured replies.
    static func linkOrders(
        _ refs: [Int64], large: [String] = [], into activity: inout Activity, identity: MessageIdentity, thread: ThreadFacts,
        book: AddressBook, audit: inout [AuditEntry]
    ) -> [ThreadOrderUpdate] {
        var own: Set<OrderNumber> = []
        var unresolved: Set<OrderNumber> = []
        var digits: [String] = []
        for raw in refs where raw <= 0 && !digits.contains(String(raw)) { digits.append(String(raw)) }
        for text in large where !digits.contains(text) { digits.append(text) }
        for text in digits { audit.append(.orderDigitsUnresolved(text)) }
        activity.unresolvedOrderDigits = digits
        for number in refs.filter({ $0 > 0 }).map(OrderNumber.init) {
            if let order = book.order(number) {
                if own.insert(number).inserted { audit.append(.orderLinked(number, account: order.account)) }
            } else if unresolved.insert(number).inserted {
                audit.append(.orderUnresolved(number))
            }
        }
        activity.ownOrders = own.sorted()
        activity.unresolvedOrders = unresolved.sorted()
        activity.orders = activity.ownOrders

        let member = ThreadMember(identity: identity, activity: activity)
        let members = thread.members.filter { $0.identity != identity } + [member]
        let linked = ThreadResolver(members).linked(member)
        activity.orders = linked.orders
        activity.inheritedFrom = linked.inheritedFrom
        if let parent = linked.inheritedFrom { audit.append(.ordersInherited(linked.orders, from: parent)) }

        let mismatches = mismatches(of: activity.orders, accounts: activity.accounts, book: book)
        for (number, account) in mismatches { audit.append(.orderAccountMismatch(number, orderAccount: account)) }
        activity.flags = mismatches.isEmpty ? [] : [.orderAccountMismatch]

        var settled = member
        settled.orders = activity.orders
        settled.flags = activity.flags
        let updates = reconcileThread(members.dropLast() + [settled], book: book)
            .filter { $0.identity != identity }
        for update in updates { audit.append(.replyUpdated(update.identity, orders: update.orders)) }
        return updates
    }
}
