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
    /// The review queue's candidate contacts and its by-person view (`/review/people`, `/review/reject`); nil leaves
    /// those routes out.
    public var candidates: (any ReviewCandidates)?
    /// The time of a request; tests of the idle limit and the lockout set it, the product uses the system clock.
    public var now: @Sendable () -> Date

    public init(logins: any LoginStore, sessions: any SessionStore, audit: any AuditLog, hashing: any PasswordHashing,
                health: AdminState, candidates: (any ReviewCandidates)? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.logins = logins
        self.sessions = sessions
        self.audit = audit
        self.hashing = hashing
        self.health = health
        self.candidates = candidates
        self.now = now
    }
}
