import Foundation

/// The calendar sync's side of the store (§9). Every write is one transaction that commits the appointment's change
/// with the sync state that records it, so that a kill -9 between two calls leaves both consistent: the UID is the
/// identity, and an entry is only ever written with what it describes.
public protocol CalendarSyncStore: AppointmentStore {
    func calendarSyncState(of owner: UserID) throws -> CalendarSyncState

    /// An event read from the calendar becomes (or changes) the appointment of its UID, and `entry` records it (its
    /// `version` is replaced by the appointment's as stored). `loser`: a conflict's losing CRM version, for the audit.
    @discardableResult
    func takeFromCalendar(_ draft: AppointmentDraft, icalendar: [UInt8], modifiedAt: Date, entry: CalendarSyncEntry,
                          loser: CalendarSyncLoser?) throws -> Appointment

    /// An event deleted from the calendar: its appointment and its entry go.
    func deleteFromCalendar(owner: UserID, uid: String, loser: CalendarSyncLoser?) throws

    /// The CRM's version was written to the calendar: the appointment keeps `icalendar` as its resource, `entry`
    /// records it. `loser`: the calendar's version that lost a conflict.
    func recordWritten(owner: UserID, icalendar: [UInt8], entry: CalendarSyncEntry, loser: CalendarSyncLoser?) throws

    /// The event is gone from both sides: its entry goes.
    func forgetCalendarEntry(owner: UserID, uid: String) throws

    /// The token of the collection after a sync that read every change up to it.
    func setCalendarSyncToken(owner: UserID, token: String?) throws

    /// `--allow-mass-delete`: the next sync of `owner` may delete more than the guard allows (spent by that sync).
    func allowCalendarMassDelete(owner: UserID, _ allowed: Bool) throws
}

/// The version that lost a conflict (§9.3), kept in the audit: which side it came from and its iCalendar text.
public struct CalendarSyncLoser: Sendable, Hashable {
    public enum Side: String, Sendable { case crm, calendar }
    public var side: Side
    public var uid: String
    public var resource: [UInt8]
    public var at: Date

    public init(side: Side, uid: String, resource: [UInt8], at: Date) {
        self.side = side
        self.uid = uid
        self.resource = resource
        self.at = at
    }
}
