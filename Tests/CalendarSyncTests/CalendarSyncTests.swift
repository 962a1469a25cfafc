import CRMServiceApp
import CalDAVClient
import CalendarSync
import CRMCore
import Foundation
import Testing
import TestSupport

/// §9 against both real servers (one shared server of each kind; each test a user and calendar of its own).
@Suite struct CalendarSyncTests {
    static let kinds = CalDAVServer.Kind.allCases
    static var available: Bool { Prerequisite.met(Radicale.isAvailable && Xandikos.isAvailable) }

    static func require(_ kind: CalDAVServer.Kind) throws {
        try Prerequisite.require(CalDAVServer.isAvailable(kind), CalDAVServer.missing(kind))
    }

    @Test("§9.1 events made on the server appear as appointments, contacts linked; §9.4/§9.5 kept exactly; a second sync sends one request and writes nothing",
          .enabled(if: available), arguments: kinds)
    func serverEventsAppear(kind: CalDAVServer.Kind) throws {
        try Self.require(kind)
        let f = try SyncFixture(kind)
        for (uid, body) in ServerFixtures.all { try f.putOnServer(uid, body) }
        let first = f.sync()
        #expect(first.failure == nil, "\(first)")
        #expect(first.createdInCRM == 5)
        let byUID = Dictionary(uniqueKeysWithValues: try f.appointments().map { ($0.uid, $0) })
        #expect(byUID.count == 5)
        let simple = try #require(byUID["simple@test"])
        #expect(simple.contacts == [ContactID("C1")])
        #expect(simple.accounts == [AccountID("ACME")])
        #expect(byUID["allday@test"]?.allDay == true)
        #expect(byUID["allday@test"]?.start.iso8601 == "2026-01-10")
        #expect(byUID["weekly@test"]?.rrule == "FREQ=WEEKLY;COUNT=6")
        #expect(byUID["weekly@test"]?.exdates.map(\.iso8601) == ["2026-01-12T08:00:00Z"])
        #expect(byUID["newyork@test"]?.timeZone == "America/New_York")
        #expect(byUID["newyork@test"]?.start.iso8601 == "2026-03-02T09:00:00-05:00")

        let second = f.sync()
        #expect(second.failure == nil)
        #expect(!second.changedSomething)
        #expect(second.requests == 1, "a sync with nothing changed is one REPORT: \(second)")
        #expect(second.serverWrites == 0)
    }

    @Test("§9.1 an appointment added in the CRM appears on the server once; the next sync writes nothing",
          .enabled(if: available), arguments: kinds)
    func crmAppointmentAppears(kind: CalDAVServer.Kind) throws {
        try Self.require(kind)
        let f = try SyncFixture(kind)
        let added = try f.database.addAppointment(Self.draft(f.owner, title: "Visit Acme"), at: f.clock)
        let first = f.sync()
        #expect(first.failure == nil, "\(first)")
        #expect(first.createdInCalendar == 1)
        let events = try f.serverEvents()
        #expect(Array(events.keys) == [added.uid])
        #expect(events[added.uid]?.contains("SUMMARY:Visit Acme") == true)
        let second = f.sync()
        #expect(!second.changedSomething && second.serverWrites == 0, "\(second)")
        #expect(try f.serverEvents().count == 1)
        #expect(try f.appointments().count == 1)
    }

    @Test("§9.1 edits and deletions both ways; §9.4 an edit in the CRM keeps the alarm and X- properties",
          .enabled(if: available), arguments: kinds)
    func editsAndDeletions(kind: CalDAVServer.Kind) throws {
        try Self.require(kind)
        let f = try SyncFixture(kind)
        try f.putOnServer("alarm@test", ServerFixtures.alarm)
        try f.putOnServer("simple@test", ServerFixtures.simple)
        _ = f.sync()
        // CRM edits the alarm event's title.
        var alarm = try #require(try f.database.appointment(owner: f.owner, uid: "alarm@test"))
        alarm.fields.title = "Dentist (moved room)"
        _ = try f.database.updateAppointment(alarm.id, with: alarm.fields, at: f.clock.addingTimeInterval(60))
        // The server edits the simple event.
        try f.putOnServer("simple@test", SyncFixture.event("simple@test", summary: "Review - new agenda",
                                                            lastModified: "20260102T000000Z"))
        let edits = f.sync()
        #expect(edits.updatedInCalendar == 1 && edits.updatedInCRM == 1 && edits.conflicts == 0, "\(edits)")
        let server = try f.serverEvents()
        let alarmText = try #require(server["alarm@test"])
        #expect(alarmText.contains("SUMMARY:Dentist (moved room)"))
        #expect(alarmText.contains("X-CRM-TEST-FLAG:keep me"))
        #expect(alarmText.contains("BEGIN:VALARM") && alarmText.contains("TRIGGER:-PT15M"))
        let simpleTitle = try f.database.appointment(owner: f.owner, uid: "simple@test")?.title
        #expect(simpleTitle == "Review - new agenda", "\(edits) \(server["simple@test"] ?? "")")

        // Deletions: the CRM deletes the alarm event, the server the simple one.
        #expect(try f.database.deleteAppointment(alarm.id))
        let simpleHref = DAVHref.newResource(in: f.endpoint.collectionPath, uid: "simple@test")
        let etag = try #require(f.calendar().listETags().first { $0.href == simpleHref }?.etag)
        try f.calendar().delete(simpleHref, ifMatch: etag)
        let deletions = f.sync()
        #expect(deletions.deletedInCalendar == 1 && deletions.deletedInCRM == 1, "\(deletions)")
        #expect(try f.serverEvents().isEmpty)
        #expect(try f.appointments().isEmpty)
        #expect(!f.sync().changedSomething)
    }

    static func draft(_ owner: UserID, title: String) -> AppointmentDraft {
        AppointmentDraft(
            owner: owner, title: title,
            start: AppointmentTime(CivilTime(year: 2026, month: 2, day: 3, hour: 9), .utc),
            end: AppointmentTime(CivilTime(year: 2026, month: 2, day: 3, hour: 10), .utc),
            attendees: [EmailAddress("carl@acme.test")!])
    }
}
