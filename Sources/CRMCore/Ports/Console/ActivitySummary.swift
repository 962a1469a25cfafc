import Foundation

/// A captured mail as an account's history shows it.
public struct ActivitySummary: Sendable, Hashable {
    /// Someone or something linked to the activity, with the name the address book gives it.
    public struct Link: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public var id: Int64
    /// The message's date; nil when it had none that could be read.
    public var date: Date?
    /// `incoming` or `outgoing`.
    public var direction: String
    public var subject: String?
    public var contacts: [Link]
    public var users: [Link]
    public var accounts: [Link]
    public var orders: [OrderNumber]

    public init(id: Int64, date: Date?, direction: String, subject: String?, contacts: [Link], users: [Link],
                accounts: [Link], orders: [OrderNumber]) {
        self.id = id
        self.date = date
        self.direction = direction
        self.subject = subject
        self.contacts = contacts
        self.users = users
        self.accounts = accounts
        self.orders = orders
    }
}
