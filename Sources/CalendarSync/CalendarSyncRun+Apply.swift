import CalDAVClient
import CRMCore
import Foundation

extension CalendarSyncRun {
    /// A server event that is new or changed since the last sync (§9.1), against what the CRM did meanwhile.
    mutating func applyServerEvent(_ resource: CalendarResource, _ draft: AppointmentDraft, _ modifiedAt: Date?,
                                   report: inout CalendarSyncReport) throws {
        let uid = draft.uid ?? ""
        guard handled.insert(uid).inserted else {
            report.unreadable.append((resource.href.path, "a second resource with UID already seen"))
            return
        }
        let data = resource.data ?? []
        let hash = CalendarSyncEngine.hash(data)
        let entry = CalendarSyncEntry(uid: uid, href: resource.href.path, etag: resource.etag, version: 0, resourceHash: hash)
        let old = entries[uid]
        let appointment = crm[uid]
        // Our own write coming back under a new ETag (the server sent none with the PUT): only the entry moves.
        if let old, old.resourceHash == hash, let appointment, appointment.version <= old.version {
            try store.recordWritten(owner: owner, icalendar: data, entry: entry.with(version: old.version), loser: nil)
            return
        }
        let crmChanged = appointment.map { appointment in old.map { appointment.version > $0.version } ?? true } ?? false
        guard let appointment, crmChanged else {
            // Changed only on the server, or deleted in the CRM meanwhile: a change beats a deletion (§9.3).
            try store.takeFromCalendar(draft, icalendar: data, modifiedAt: modifiedAt ?? engine.now(), entry: entry,
                                       loser: nil)
            if appointment == nil && old == nil { report.createdInCRM += 1 } else { report.updatedInCRM += 1 }
            return
        }
        // The same fields on both sides (a PUT whose answer was lost, or the same change made twice): agreed.
        if appointment.fields == draft.with(uid: appointment.uid) {
            try store.takeFromCalendar(draft, icalendar: data, modifiedAt: appointment.modifiedAt, entry: entry,
                                       loser: nil)
            return
        }
        report.conflicts += 1
        if crmWins(appointment: appointment, calendarModified: modifiedAt) {
            let loser = CalendarSyncLoser(side: .calendar, uid: uid, resource: data, at: engine.now())
            try put(appointment, href: resource.href, ifMatch: resource.etag, loser: loser, report: &report)
        } else {
            let loser = CalendarSyncLoser(side: .crm, uid: uid, resource: engine.mapping.resource(for: appointment, now: engine.now()),
                                          at: engine.now())
            try store.takeFromCalendar(draft, icalendar: data, modifiedAt: modifiedAt ?? engine.now(), entry: entry,
                                       loser: loser)
            report.updatedInCRM += 1
        }
    }

    /// §9.3: `newest` keeps the later modification; a calendar event without LAST-MODIFIED or DTSTAMP loses.
    func crmWins(appointment: Appointment, calendarModified: Date?) -> Bool {
        switch engine.policy {
        case .crm: return true
        case .calendar: return false
        case .newest:
            guard let calendarModified else { return true }
            return appointment.modifiedAt > calendarModified
        }
    }

    /// An event deleted on the server: deleted in the CRM, unless the CRM changed it since (a change beats a deletion:
    /// it goes back to the calendar).
    mutating func applyServerRemoval(_ uid: String, report: inout CalendarSyncReport) throws {
        handled.insert(uid)
        guard let entry = entries[uid] else { return }
        guard let appointment = crm[uid] else {
            try store.forgetCalendarEntry(owner: owner, uid: uid)
            return
        }
        if appointment.version > entry.version {
            report.conflicts += 1
            try put(appointment, href: DAVHref(entry.href), ifMatch: nil, loser: nil, report: &report)
        } else {
            try store.deleteFromCalendar(owner: owner, uid: uid, loser: nil)
            report.deletedInCRM += 1
        }
    }

    /// An appointment new in the CRM, or changed there since the last sync, and not changed on the server.
    mutating func pushCRMChange(_ appointment: Appointment, report: inout CalendarSyncReport) throws {
        let entry = entries[appointment.uid]
        if let entry, appointment.version <= entry.version { return }
        let href = entry.map { DAVHref($0.href) }
            ?? DAVHref.newResource(in: client.endpoint.collectionPath, uid: appointment.uid)
        try put(appointment, href: href, ifMatch: entry?.etag, loser: nil, report: &report)
    }

    /// A CRM deletion: the server's event goes, if it is still the version last synced (If-Match).
    mutating func deleteOnServer(_ entry: CalendarSyncEntry, report: inout CalendarSyncReport) throws {
        let deleted = Result { () throws(CalDAVError) in try client.delete(DAVHref(entry.href), ifMatch: entry.etag) }
        if case .failure(let error) = deleted {
            guard error.kind != .transport else { throw error }
            report.deferred.append("DELETE \(entry.href): \(error)")
            deferredAny = true
            return
        }
        try store.forgetCalendarEntry(owner: owner, uid: entry.uid)
        report.deletedInCalendar += 1
    }

    /// Writes the CRM's version to `href` (If-Match `ifMatch`, or If-None-Match: * to create) and records it. A
    /// refused or failed write (412, 5xx) is deferred: nothing recorded, the next sync sees both sides again.
    mutating func put(_ appointment: Appointment, href: DAVHref, ifMatch: String?, loser: CalendarSyncLoser?,
                      report: inout CalendarSyncReport) throws {
        let data = engine.mapping.resource(for: appointment, now: engine.now())
        let written = Result { () throws(CalDAVError) -> String? in try client.put(href, data, ifMatch: ifMatch) }
        if case .failure(let error) = written {
            // No answer (server down): the sync stops here; a refusal (412, 5xx) waits for the next sync.
            guard error.kind != .transport else { throw error }
            report.deferred.append("PUT \(href): \(error)")
            deferredAny = true
            return
        }
        let etag = (try? written.get()) ?? nil
        let entry = CalendarSyncEntry(uid: appointment.uid, href: href.path, etag: etag ?? "",
                                      version: appointment.version, resourceHash: CalendarSyncEngine.hash(data))
        try store.recordWritten(owner: owner, icalendar: data, entry: entry, loser: loser)
        if ifMatch == nil { report.createdInCalendar += 1 } else { report.updatedInCalendar += 1 }
    }
}

extension CalendarSyncEntry {
    func with(version: Int64) -> CalendarSyncEntry {
        var copy = self
        copy.version = version
        return copy
    }
}

extension AppointmentDraft {
    func with(uid: String) -> AppointmentDraft {
        var copy = self
        copy.uid = uid
        return copy
    }
}
