import CRMCore
import Foundation

extension AppDatabase {
    /// `import appointments` (§9, §3): upserts each appointment by id in one transaction. A row equal to the stored
    /// appointment in every field of the CSV is unchanged (its version stays, so the sync does not rewrite it); a
    /// changed one keeps its UID, its status and what the CSV does not hold (organizer, recurrence), and is a CRM-side
    /// change (version raised). Throws `UnknownAppointmentOwner` for an owner that is no user (nothing written).
    public func importAppointments(_ rows: [(id: AppointmentID, draft: AppointmentDraft)], at time: Date) throws
        -> ImportSummary {
        try writer.write { db in try Self.importAppointments(db, rows, at: time) }
    }

    /// The body of `importAppointments`, inside the caller's transaction (a recorded import adds its run and audit).
    static func importAppointments(_ db: Database, _ rows: [(id: AppointmentID, draft: AppointmentDraft)], at time: Date)
        throws -> ImportSummary {
        var summary = ImportSummary()
        for (id, draft) in rows {
            guard let old = try AppointmentRows.fetch(id: id, in: db) else {
                _ = try AppointmentRows.insert(draft, id: id, modifiedAt: time, in: db)
                summary.inserted += 1
                continue
            }
            var merged = old.fields
            merged.owner = draft.owner
            merged.title = draft.title
            merged.start = draft.start
            merged.end = draft.end
            merged.timeZone = draft.timeZone
            merged.location = draft.location
            merged.description = draft.description
            merged.attendees = draft.attendees
            if merged == old.fields {
                summary.unchanged += 1
            } else {
                _ = try AppointmentRows.update(id, with: merged, modifiedAt: time, in: db)
                summary.updated += 1
            }
        }
        return summary
    }

    /// The ids among `owners` that are no user.
    public func missingUsers(among owners: Set<UserID>) throws -> Set<UserID> {
        try writer.read { db in
            var missing = Set<UserID>()
            for owner in owners where try !Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)", arguments: [owner.rawValue])! {
                missing.insert(owner)
            }
            return missing
        }
    }
}
