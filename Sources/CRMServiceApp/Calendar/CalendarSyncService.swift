import CalDAVClient
import CalendarSync
import CRMCore
import Foundation
import Store

/// `calendar sync` and the `calendar-sync` job (§9): every configured user, one after the other, each on a thread of
/// its own off the cooperative pool (libcurl and SQLite block). One user's failure (server down, refused login, the
/// mass-deletion guard) is reported and never stops the others.
public struct CalendarSyncService: Sendable {
    public let database: AppDatabase
    public let settings: CalendarSettings
    public let mapping: any AppointmentResourceMapping
    /// Issue 14: the lease of a user's calendar among the instances sharing the database (`calendar:USERID`); nil
    /// syncs without one (`crmservice calendar sync`).
    public var lease: (@Sendable (UserID) -> LeaseKeeper)?

    public init(database: AppDatabase, settings: CalendarSettings,
                mapping: any AppointmentResourceMapping = CalendarResourceMapper()) {
        self.database = database
        self.settings = settings
        self.mapping = mapping
    }

    /// The credential from the secret file the settings name (read at every run: a rotated password applies).
    public func credential() throws -> CalDAVCredential {
        if let tokenFile = settings.tokenFile {
            return .bearer(token: try SecretFile.read(tokenFile).value)
        }
        guard let passwordFile = settings.passwordFile else { return .none }
        return .password(user: settings.user ?? "", password: try SecretFile.read(passwordFile).value)
    }

    /// The users to sync with their collection URL: `settings.users` (every user with an address when nil), or
    /// `only`. An unknown `only` is an error.
    public func targets(only: UserID? = nil) throws -> [(user: UserID, url: String)] {
        let users = try database.exportUsers()
        let wanted: [UserRecord]
        if let only {
            guard let user = users.first(where: { $0.id == only }) else { throw UnknownCalendarUser(user: only) }
            wanted = [user]
        } else if let listed = settings.users {
            wanted = try listed.map { id in
                guard let user = users.first(where: { $0.id == id }) else { throw UnknownCalendarUser(user: id) }
                return user
            }
        } else {
            wanted = users.filter { !$0.addresses.isEmpty }
        }
        return wanted.map { ($0.id, settings.collectionURL(user: $0.id, email: $0.addresses.first)) }
    }

    /// Syncs every target; a report per user.
    public func run(only: UserID? = nil, full: Bool = false, allowMassDelete: Bool = false) async throws
        -> [CalendarSyncReport]
    {
        let credential = try credential()
        var reports: [CalendarSyncReport] = []
        let engine = CalendarSyncEngine(store: database, mapping: mapping, policy: settings.conflict)
        for target in try targets(only: only) {
            let endpoint = CalDAVEndpoint(collectionURL: target.url, credential: credential,
                                          caCertificatePath: settings.cacert)
            let sync = { @Sendable in
                await BlockingThread.run(name: "crmservice.calendar-sync") { () -> CalendarSyncReport in
                    engine.sync(owner: target.user, client: CalDAVClient(endpoint: endpoint), full: full,
                                allowMassDelete: allowMassDelete)
                }
            }
            guard let keeper = lease?(target.user) else {
                reports.append(await sync())
                continue
            }
            // One instance at a time syncs a user: another's lease skips the user in this run (the report says so).
            let attempt = await BlockingThread.run(name: "lease \(keeper.key)") { keeper.attempt() }
            guard keeper.current != nil else {
                var skipped = CalendarSyncReport(owner: target.user)
                switch attempt {
                case .heldByOther(let other, _): skipped.heldBy = other
                case .failed(let message): skipped.failure = "cannot take the calendar's lease: \(message)"
                case .held: skipped.failure = "the calendar's lease expired at once"
                }
                reports.append(skipped)
                continue
            }
            reports.append(await keeper.renewing(sync))
            await BlockingThread.run(name: "lease \(keeper.key)") { keeper.release() }
        }
        return reports
    }
}

/// `--user` or `calendars.users` names no user of the user table.
public struct UnknownCalendarUser: Error, CustomStringConvertible {
    public var user: UserID
    public var description: String { "no user \(user.rawValue) in the user table" }
}
