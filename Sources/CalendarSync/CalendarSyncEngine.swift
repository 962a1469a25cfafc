import CalDAVClient
import CRMCore
import Foundation

/// The two-way sync of one user's appointments with the calendar collection of that user (§9). Blocking (libcurl
/// and SQLite): run it off the cooperative pool.
///
/// The order makes every interruption harmless: each change is committed together with the entry that records it,
/// and the collection's sync token is stored last, only when nothing was deferred. A kill -9 anywhere leaves the old
/// token, so the next sync sees the same server changes again; those already applied have their ETag in an entry
/// and cost nothing, and a PUT whose answer was lost comes back as a server event with a UID the CRM holds and the
/// same fields, which is recorded, not duplicated (§9.2).
public struct CalendarSyncEngine: Sendable {
    public let store: any CalendarSyncStore
    public let mapping: any AppointmentResourceMapping
    public let policy: ConflictPolicy
    public let now: @Sendable () -> Date
    /// The mass-deletion guard: more than half of a user's events, and at least this many, deleted on one side.
    public var massDeletionMinimum = 10

    public init(store: any CalendarSyncStore, mapping: any AppointmentResourceMapping, policy: ConflictPolicy = .newest,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.mapping = mapping
        self.policy = policy
        self.now = now
    }

    /// Syncs `owner` with `client`'s collection. `full` ignores the stored token (a full ETag listing);
    /// `allowMassDelete` lets this run pass the mass-deletion guard.
    public func sync(owner: UserID, client: CalDAVClient, full: Bool = false, allowMassDelete: Bool = false)
        -> CalendarSyncReport
    {
        var report = CalendarSyncReport(owner: owner)
        do {
            var run = try CalendarSyncRun(engine: self, owner: owner, client: client)
            try run.perform(full: full, allowMassDelete: allowMassDelete, report: &report)
        } catch let error as CalDAVError {
            report.failure = error.description
        } catch {
            report.failure = "\(error)"
        }
        report.requests = client.requestCount
        report.serverWrites = client.writeCount
        return report
    }

    /// SHA-256 hex of a resource, as entries keep it.
    static func hash(_ bytes: [UInt8]) -> String { SHA256.hexDigest(bytes) }
}
