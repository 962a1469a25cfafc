import StoreTestSupport
import CRMCore
import Foundation
import GRDB
import Testing
@testable import Store

private func t(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(1_790_000_000 + seconds)) }

@Suite("Store: appointments (§9)") struct AppointmentStoreTests {
    let db: TestDatabase
    var path: String { db.directory.appendingPathComponent("crm.sqlite").path }

    init() throws {
        db = try TestDatabase()
        _ = try db.database.importAccounts([
            AccountRecord(id: AccountID("ACME"), name: "Acme", type: AccountType("Customer"),
                          status: AccountStatus("Active"), parentID: nil, currency: CurrencyCode(rawValue: "EUR")!),
            AccountRecord(id: AccountID("GLOBEX"), name: "Globex", type: AccountType("Customer"),
                          status: AccountStatus("Active"), parentID: nil, currency: CurrencyCode(rawValue: "EUR")!),
        ], at: t(0))
        _ = try db.database.importUsers([
            UserRecord(id: UserID("anna"), name: "Anna", addresses: [EmailAddress("anna@example.com")!]),
            UserRecord(id: UserID("bob"), name: "Bob", addresses: [EmailAddress("shared@acme.test")!]),
        ])
        _ = try db.database.importContacts([
            ContactRecord(id: ContactID("C1"), accountID: AccountID("ACME"), name: "Carl",
                          addresses: [EmailAddress("carl@acme.test")!, EmailAddress("shared@acme.test")!]),
            ContactRecord(id: ContactID("C2"), accountID: AccountID("GLOBEX"), name: "Dora",
                          addresses: [EmailAddress("desk@globex.test")!]),
            ContactRecord(id: ContactID("C3"), accountID: AccountID("GLOBEX"), name: "Emil",
                          addresses: [EmailAddress("desk@globex.test")!]),
        ])
    }

    static func draft(owner: String = "anna", attendees: [String] = [], organizer: String? = nil) -> AppointmentDraft {
        AppointmentDraft(
            owner: UserID(owner), title: "Review",
            start: AppointmentTime(CivilTime(year: 2026, month: 3, day: 2, hour: 9), .zoned(zone: "Europe/Berlin"),
                                   utcOffset: 3600),
            end: AppointmentTime(CivilTime(year: 2026, month: 3, day: 2, hour: 10), .zoned(zone: "Europe/Berlin"),
                                 utcOffset: 3600),
            timeZone: "Europe/Berlin", location: "Room 1", description: "line 1\nline 2",
            organizer: organizer.flatMap { EmailAddress($0) }, attendees: attendees.compactMap { EmailAddress($0) },
            rrule: "FREQ=WEEKLY;COUNT=4",
            exdates: [AppointmentTime(CivilTime(year: 2026, month: 3, day: 9, hour: 9), .zoned(zone: "Europe/Berlin"),
                                      utcOffset: 3600)],
            status: .tentative)
    }

    @Test("§9 an appointment is stored with every field as written, read back from a reopened file")
    func roundTrip() throws {
        let added = try db.database.addAppointment(Self.draft(attendees: [" Carl@ACME.test "]), at: t(5))
        let read = try #require(try TestStore.open(path: path).appointment(added.id))
        #expect(read == added)
        #expect(read.fields.uid?.isEmpty == false)
        #expect(read.start.iso8601 == "2026-03-02T09:00:00+01:00")
        #expect(read.exdates.map(\.iso8601) == ["2026-03-09T09:00:00+01:00"])
        #expect(read.description == "line 1\nline 2")
        #expect(read.status == .tentative)
        #expect(read.modifiedAt == t(5))
        #expect(read.version == 1)
        #expect(read.icalendar == nil)
        #expect(try db.database.appointment(owner: UserID("anna"), uid: read.uid) == read)
    }

    @Test("§9 all-day, UTC and floating times keep their form")
    func forms() throws {
        var draft = Self.draft()
        draft.start = .date(year: 2026, month: 5, day: 1)
        draft.end = .date(year: 2026, month: 5, day: 2)
        draft.exdates = [AppointmentTime(CivilTime(year: 2026, month: 5, day: 8, hour: 7), .utc),
                         AppointmentTime(CivilTime(year: 2026, month: 5, day: 15, hour: 7), .floating)]
        let added = try db.database.addAppointment(draft, at: t(0))
        let read = try #require(try db.database.appointment(added.id))
        #expect(read.allDay)
        #expect(read.start.iso8601 == "2026-05-01")
        #expect(read.exdates.map(\.iso8601) == ["2026-05-08T07:00:00Z", "2026-05-15T07:00:00"])
    }

    @Test("§9.5 a zoned time reads back equal: an offset of zero, a negative one, one with seconds (local mean time)",
          arguments: [0, -14_400, 1172, -6808] as [Int32])
    func zonedOffsets(offset: Int32) throws {
        var draft = Self.draft()
        draft.start = AppointmentTime(CivilTime(year: 1890, month: 1, day: 2, hour: 9), .zoned(zone: "Custom"),
                                      utcOffset: offset)
        draft.exdates = []
        let added = try db.database.addAppointment(draft, at: t(0))
        #expect(try db.database.appointment(added.id)?.start == draft.start)
    }

    @Test("§9 §2 attendees and organizer are matched like mail participants: contacts and their accounts linked, a user address wins, an address of several contacts links them all")
    func links() throws {
        let added = try db.database.addAppointment(
            Self.draft(attendees: ["carl@acme.test", "SHARED@acme.test", "stranger@else.test"],
                       organizer: "desk@globex.test"), at: t(0))
        #expect(added.contacts == [ContactID("C1"), ContactID("C2"), ContactID("C3")])
        #expect(added.accounts == [AccountID("ACME"), AccountID("GLOBEX")])
        #expect(added.users == [UserID("bob")])
        #expect(added.attendees.map(\.value) == ["carl@acme.test", "shared@acme.test", "stranger@else.test"])
    }

    @Test("§9 an appointment is owned by a user: an unknown owner is refused and nothing is written")
    func unknownOwner() throws {
        #expect(throws: UnknownAppointmentOwner(owner: UserID("zed"))) {
            try db.database.addAppointment(Self.draft(owner: "zed"), at: t(0))
        }
        #expect(try db.database.appointments(ownedBy: nil).isEmpty)
    }

    @Test("update replaces the fields, keeps id and UID, raises the version; delete removes it and its links")
    func updateAndDelete() throws {
        let added = try db.database.addAppointment(Self.draft(attendees: ["carl@acme.test"]), at: t(0))
        var draft = Self.draft(attendees: [])
        draft.title = "Moved"
        let updated = try db.database.updateAppointment(added.id, with: draft, at: t(9))
        #expect(updated.id == added.id && updated.uid == added.uid)
        #expect(updated.title == "Moved" && updated.contacts.isEmpty && updated.version == 2)
        #expect(updated.modifiedAt == t(9))
        #expect(throws: UnknownAppointment(id: AppointmentID("nope"))) {
            try db.database.updateAppointment(AppointmentID("nope"), with: draft, at: t(0))
        }
        #expect(try db.database.deleteAppointment(added.id))
        #expect(try !db.database.deleteAppointment(added.id))
        #expect(try db.database.appointment(added.id) == nil)
        let links = try db.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM appointment_contacts") }
        #expect(links == 0)
    }

    @Test("§8 a change to an appointment and its audit line commit together: when the line cannot be written, nothing changes")
    func auditInTheSameTransaction() throws {
        let audit: AppointmentAudit = { AuditLogEntry(at: t(1), actor: "anna", action: "appointment add",
                                                       target: "appointment \($0.id)", detail: "") }
        let added = try db.database.addAppointment(Self.draft(), at: t(0), audit: audit)
        #expect(try db.database.auditEntries().map(\.target) == ["appointment \(added.id)"])
        try db.database.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        #expect(throws: (any Error).self) { try db.database.addAppointment(Self.draft(), at: t(2), audit: audit) }
        var draft = Self.draft()
        draft.title = "Moved"
        #expect(throws: (any Error).self) { try db.database.updateAppointment(added.id, with: draft, at: t(3), audit: audit) }
        #expect(throws: (any Error).self) { try db.database.deleteAppointment(added.id, audit: audit(added)) }
        #expect(try db.database.appointments(ownedBy: nil) == [added])
    }

    @Test("§9.2 a UID is unique per owner: the same meeting in two users' calendars is two appointments")
    func uidPerOwner() throws {
        var draft = Self.draft()
        draft.uid = "meeting-1@example.com"
        let first = try db.database.addAppointment(draft, at: t(0))
        draft.owner = UserID("bob")
        let second = try db.database.addAppointment(draft, at: t(0))
        #expect(first.id != second.id)
        #expect(try db.database.appointments(ownedBy: UserID("bob")).map(\.id) == [second.id])
        draft.owner = UserID("anna")
        #expect(throws: DatabaseError.self) { try db.database.addAppointment(draft, at: t(0)) }
    }

    @Test("§9.1 the sync's writes never raise the version; a CRM-side change does, so the sync can tell them apart")
    func syncVersions() throws {
        var draft = Self.draft()
        draft.uid = "from-server@example.com"
        let resource = Array("BEGIN:VCALENDAR\r\nX-KEPT:1\r\nEND:VCALENDAR\r\n".utf8)
        let created = try db.database.writer.write { db in
            try AppointmentRows.upsertFromCalendar(draft, icalendar: resource, modifiedAt: t(1), in: db)
        }
        #expect(created.version == 0 && created.icalendar == resource && created.modifiedAt == t(1))
        draft.title = "Changed on the server"
        let changed = try db.database.writer.write { db in
            try AppointmentRows.upsertFromCalendar(draft, icalendar: resource + [0x0A], modifiedAt: t(2), in: db)
        }
        #expect(changed.id == created.id && changed.version == 0 && changed.title == "Changed on the server")
        draft.uid = nil
        let crm = try db.database.updateAppointment(created.id, with: draft, at: t(3))
        #expect(crm.version == 1 && crm.uid == "from-server@example.com")
        #expect(crm.icalendar == resource + [0x0A])
        let stored = try db.database.writer.write { db in
            try AppointmentRows.setCalendarResource(owner: UserID("anna"), uid: crm.uid, icalendar: resource, in: db)
        }
        #expect(stored)
        let after = try #require(try db.database.appointment(created.id))
        #expect(after.version == 1 && after.icalendar == resource && after.modifiedAt == t(3))
        let deleted = try db.database.writer.write { db in
            try AppointmentRows.deleteByUID(owner: UserID("anna"), uid: crm.uid, in: db)
        }
        #expect(deleted == created.id)
        #expect(try db.database.appointment(created.id) == nil)
    }
}
