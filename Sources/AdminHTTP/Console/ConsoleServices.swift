import CRMCore
import Foundation

/// The ports the console's pages use (INTERFACE.md §8). `ServiceApplication` fills them from the database; every page
/// area adds the one port it needs as one more field (with a default of nil when the port is optional in tests).
public struct ConsoleServices: Sendable {
    public var logins: any LoginStore
    public var sessions: any SessionStore
    public var audit: any AuditLog
    public var hashing: any PasswordHashing
    /// The mailboxes' health and the metrics (the same state `/healthz` reads).
    public var health: AdminState
    /// The imports page's port (nil: no `/imports` routes).
    public var imports: (any ImportConsole)?
    /// The rating page's port (nil: no `/rating` routes).
    public var rating: (any RatingConsole)?
    /// The dashboard's counts (messages per day by outcome, the open queue by reason); nil: the dashboard shows
    /// the mailboxes' health only.
    public var dashboard: (any DashboardSource)? = nil
    /// The scheduler: the jobs page, the dashboard's next runs and the `scheduler` right's actions; nil: no jobs page.
    public var jobs: (any JobsBoard)? = nil
    /// The account pages (`/accounts`, `/accounts/ID`); nil: none.
    public var accounts: (any AccountHistory)? = nil
    /// The time of a request; tests of the idle limit and the lockout set it, the product uses the system clock.
    public var now: @Sendable () -> Date
    /// The review queue's pages and actions (`/review…`); nil serves none of them.
    public var review: (any ReviewQueue)?
    /// The ranked candidate contacts of an entry's page; nil shows none.
    public var candidates: (any ReviewCandidates)?
    /// The archives page (`/archives`, §10); nil: none.
    public var archives: (any ArchiveConsole)? = nil
    /// The leases of every instance sharing the database (issue 14): the dashboard's "Instances and what they hold";
    /// nil: not shown.
    public var leases: (any LeaseStore)? = nil

    public init(logins: any LoginStore, sessions: any SessionStore, audit: any AuditLog, hashing: any PasswordHashing,
                health: AdminState, imports: (any ImportConsole)? = nil, rating: (any RatingConsole)? = nil,
                now: @escaping @Sendable () -> Date = { Date() }, review: (any ReviewQueue)? = nil,
                candidates: (any ReviewCandidates)? = nil) {
        self.imports = imports
        self.rating = rating
        self.review = review
        self.candidates = candidates
        self.logins = logins
        self.sessions = sessions
        self.audit = audit
        self.hashing = hashing
        self.health = health
        self.now = now
    }
}
