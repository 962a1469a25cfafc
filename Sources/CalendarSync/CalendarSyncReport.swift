import CRMCore

/// What one user's sync did (the run log's counts and messages).
public struct CalendarSyncReport: Sendable, CustomStringConvertible {
    public var owner: UserID
    public var createdInCRM = 0, updatedInCRM = 0, deletedInCRM = 0
    public var createdInCalendar = 0, updatedInCalendar = 0, deletedInCalendar = 0
    public var conflicts = 0
    /// Events that could not be read (user and href), skipped and left as they are on the server.
    public var unreadable: [(href: String, reason: String)] = []
    /// Writes refused or failed (412, 5xx): retried at the next sync, nothing lost (§9.6).
    public var deferred: [String] = []
    /// The mass-deletion guard stopped this user (deletions it would have made on the CRM and calendar sides).
    public var massDeletionStopped: (crm: Int, calendar: Int)?
    /// The sync could not run (server down, refused login): the message.
    public var failure: String?
    /// Issue 14: not synced in this run, another instance holds the user's calendar lease.
    public var heldBy: InstanceName?
    public var requests = 0
    public var serverWrites = 0

    public init(owner: UserID) { self.owner = owner }

    /// Whether it wrote anything on either side.
    public var changedSomething: Bool {
        createdInCRM + updatedInCRM + deletedInCRM + createdInCalendar + updatedInCalendar + deletedInCalendar > 0
    }

    public var description: String {
        if let heldBy {
            return "user \(owner.rawValue): skipped: instance \(heldBy.rawValue) holds this calendar's lease"
        }
        var parts = ["user \(owner.rawValue):",
                     "crm +\(createdInCRM) ~\(updatedInCRM) -\(deletedInCRM),",
                     "calendar +\(createdInCalendar) ~\(updatedInCalendar) -\(deletedInCalendar),",
                     "\(conflicts) conflicts, \(requests) requests"]
        if let stop = massDeletionStopped {
            parts.append("STOPPED by the mass-deletion guard (would delete \(stop.crm) in the CRM, \(stop.calendar) in "
                + "the calendar; run calendar sync --allow-mass-delete once to allow it)")
        }
        for item in unreadable { parts.append("unreadable event \(item.href): \(item.reason)") }
        for item in deferred { parts.append("deferred: \(item)") }
        if let failure { parts.append("failed: \(failure)") }
        return parts.joined(separator: " ")
    }
}
