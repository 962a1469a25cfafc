import CRMCore
import Matching

extension ActivityRecord {
    /// The stored form of a matcher activity.
    init(_ activity: Activity) {
        self.init(
            direction: activity.direction.rawValue, contacts: activity.contacts, accounts: activity.accounts,
            users: activity.users, orders: activity.orders, ownOrders: activity.ownOrders,
            unresolvedOrders: activity.unresolvedOrders, inheritedFrom: activity.inheritedFrom,
            flags: activity.flags.map(\.rawValue), threadParents: activity.threadParents,
            unresolvedOrderDigits: activity.unresolvedOrderDigits)
    }

    /// The matcher's view of a stored activity (unknown flag words are dropped).
    var matchingActivity: Activity {
        var activity = Activity(
            direction: Direction(rawValue: direction) ?? .incoming, contacts: contacts, accounts: accounts, users: users,
            orders: orders, ownOrders: ownOrders, unresolvedOrders: unresolvedOrders, inheritedFrom: inheritedFrom,
            flags: flags.compactMap(ActivityFlag.init(rawValue:)), threadParents: threadParents)
        activity.unresolvedOrderDigits = unresolvedOrderDigits
        return activity
    }
}

extension ActivityOrderChange {
    init(_ update: ThreadOrderUpdate) {
        self.init(identity: update.identity, orders: update.orders, inheritedFrom: update.inheritedFrom,
                  flags: update.flags.map(\.rawValue))
    }
}
