import CalDAVClient
import CRMCore
import Foundation

/// One user's sync in progress (§9): what the server changed, what the CRM changed, and the writes that follow.
struct CalendarSyncRun {
    let engine: CalendarSyncEngine
    let owner: UserID
    let client: CalDAVClient
    var state: CalendarSyncState
    var entries: [String: CalendarSyncEntry]
    var crm: [String: Appointment]
    /// UIDs already settled by this run (server side first, then the CRM's).
    var handled: Set<String> = []
    /// A write was refused or failed: the token stays, so the next sync sees the same changes again.
    var deferredAny = false

    var store: any CalendarSyncStore { engine.store }

    init(engine: CalendarSyncEngine, owner: UserID, client: CalDAVClient) throws {
        self.engine = engine
        self.owner = owner
        self.client = client
        state = try engine.store.calendarSyncState(of: owner)
        entries = Dictionary(state.entries.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        crm = Dictionary(try engine.store.appointments(ownedBy: owner).map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
    }

    mutating func perform(full: Bool, allowMassDelete: Bool, report: inout CalendarSyncReport) throws {
        let changes = try client.changesOrListing(since: full ? nil : state.token)
        let byHref = Dictionary(entries.values.map { ($0.href, $0) }, uniquingKeysWith: { a, _ in a })

        // What the server changed: members whose ETag is not the one recorded.
        let toFetch = changes.changed.filter { byHref[$0.href.path]?.etag != $0.etag }.map(\.href)
        var serverRemoved = Set(changes.removed.compactMap { byHref[$0.path]?.uid })
        if changes.isFullListing {
            let listed = Set(changes.changed.map(\.href.path))
            serverRemoved.formUnion(entries.values.filter { !listed.contains($0.href) }.map(\.uid))
        }
        var events: [(resource: CalendarResource, draft: AppointmentDraft, modifiedAt: Date?)] = []
        for resource in try client.fetch(toFetch) {
            guard let data = resource.data else { continue }
            switch engine.mapping.read(data, owner: owner) {
            case .event(let draft, let modifiedAt) where draft.uid?.isEmpty == false:
                events.append((resource, draft, modifiedAt))
            case .event:
                report.unreadable.append((resource.href.path, "no UID"))
            case .unreadable(let reason):
                report.unreadable.append((resource.href.path, reason))
            }
        }
        let changedUIDs = Set(events.compactMap(\.draft.uid))
        serverRemoved.subtract(changedUIDs)

        // §9 mass-deletion guard: count what this run would delete on each side before deleting anything.
        let crmDeletions = serverRemoved.filter { uid in
            guard let appointment = crm[uid], let entry = entries[uid] else { return false }
            return appointment.version <= entry.version
        }.count
        let calendarDeletions = entries.keys.filter { crm[$0] == nil && !changedUIDs.contains($0) && !serverRemoved.contains($0) }.count
        let known = max(entries.count, 1)
        let minimum = engine.massDeletionMinimum
        let tooMany = { (n: Int) in n >= minimum && n * 2 > known }
        if (tooMany(crmDeletions) || tooMany(calendarDeletions)) && !allowMassDelete && !state.massDeleteAllowed {
            report.massDeletionStopped = (crmDeletions, calendarDeletions)
            return
        }

        for event in events {
            try applyServerEvent(event.resource, event.draft, event.modifiedAt, report: &report)
        }
        for uid in serverRemoved.sorted() where !handled.contains(uid) {
            try applyServerRemoval(uid, report: &report)
        }
        for appointment in crm.values.sorted(by: { $0.uid < $1.uid }) where !handled.contains(appointment.uid) {
            try pushCRMChange(appointment, report: &report)
        }
        for entry in entries.values.sorted(by: { $0.uid < $1.uid })
        where crm[entry.uid] == nil && !handled.contains(entry.uid) {
            try deleteOnServer(entry, report: &report)
        }
        if state.massDeleteAllowed { try store.allowCalendarMassDelete(owner: owner, false) }
        if !deferredAny, changes.newToken != state.token {
            try store.setCalendarSyncToken(owner: owner, token: changes.newToken)
        }
    }
}
