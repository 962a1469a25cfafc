import Foundation

/// An appointment as an account's history shows it (§8 `GET /accounts/ID`, §9): placed among the mail by its start.
public struct AppointmentSummary: Sendable, Hashable {
    public var id: AppointmentID
    public var title: String
    public var start: AppointmentTime
    public var end: AppointmentTime
    public var location: String?
    public var status: AppointmentStatus
    /// The user whose appointment it is.
    public var owner: ActivitySummary.Link
    public var contacts: [ActivitySummary.Link]
    public var users: [ActivitySummary.Link]
    public var accounts: [ActivitySummary.Link]

    public init(id: AppointmentID, title: String, start: AppointmentTime, end: AppointmentTime, location: String?,
                status: AppointmentStatus, owner: ActivitySummary.Link, contacts: [ActivitySummary.Link],
                users: [ActivitySummary.Link], accounts: [ActivitySummary.Link]) {
        self.id = id
        self.title = title
        self.start = start
        self.end = end
        self.location = location
        self.status = status
        self.owner = owner
        self.contacts = contacts
        self.users = users
        self.accounts = accounts
    }

    /// The start as an instant (a date or floating time read as UTC), which orders the history.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(start.instant)) }
}
