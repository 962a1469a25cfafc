import CRMServiceApp
import CalDAVClient
import CalendarSync
import CRMCore
import Foundation
import Testing
import TestSupport

/// §9.2, §9.3 and §9.6 against both real servers.
@Suite struct CalendarSyncConflictTests {
    static let cases: [(CalDAVServer.Kind, ConflictPolicy)] =
        CalDAVServer.Kind.allCases.flatMap { kind in ConflictPolicy.allCases.map { (kind, $0) } }

    /// Both sides change `simple@test`: the CRM at `crmTime`, the calendar with LAST-MODIFIED `calendarStamp`.
    static func conflict(_ f: SyncFixture, crmTime: Date, calendarStamp: String) throws {
        try f.putOnServer("simple@test", ServerFixtures.simple)
        _ = f.sync()
        var appointment = try #require(try f.database.appointment(owner: f.owner, uid: "simple@test"))
        appointment.fields.title = "CRM title"
        _ = try f.database.updateAppointment(appointment.id, with: appointment.fields, at: crmTime)
        try f.putOnServer("simple@test", SyncFixture.event("simple@test", summary: "Calendar title",
                                                            lastModified: calendarStamp))
    }

    @Test("§9.3 changed on both sides: newest keeps the later one, crm the CRM's, calendar the calendar's; the loser is in the audit",
          .enabled(if: CalendarSyncTests.available), arguments: cases)
    func conflictPolicy(kind: CalDAVServer.Kind, policy: ConflictPolicy) throws {
        try CalendarSyncTests.require(kind)
        let f = try SyncFixture(kind)
        // The CRM's change (2026-09-21) is later than the calendar's (2026-01-03).
        try Self.conflict(f, crmTime: Date(timeIntervalSince1970: 1_790_000_000), calendarStamp: "20260103T000000Z")
        let report = f.sync(policy: policy)
        #expect(report.conflicts == 1, "\(report)")
        let expected = policy == .calendar ? "Calendar title" : "CRM title"
        #expect(try f.database.appointment(owner: f.owner, uid: "simple@test")?.title == expected)
        #expect(try f.serverEvents()["simple@test"]?.contains("SUMMARY:\(expected)") == true)
        let losing = policy == .calendar ? "CRM title" : "Calendar title"
        let audit = try f.database.auditEntries().filter { $0.actor == "calendar-sync" }
        #expect(audit.count == 1)
        #expect(audit.first?.detail.contains("SUMMARY:\(losing)") == true)
        #expect(!f.sync(policy: policy).changedSomething)
    }

    @Test("§9.3 a change beats a deletion: deleted in the CRM, changed on the server, it comes back",
          .enabled(if: CalendarSyncTests.available), arguments: CalDAVServer.Kind.allCases)
    func changeBeatsDeletion(kind: CalDAVServer.Kind) throws {
        try CalendarSyncTests.require(kind)
        let f = try SyncFixture(kind)
        try f.putOnServer("simple@test", ServerFixtures.simple)
        _ = f.sync()
        let appointment = try #require(try f.database.appointment(owner: f.owner, uid: "simple@test"))
        #expect(try f.database.deleteAppointment(appointment.id))
        try f.putOnServer("simple@test", SyncFixture.event("simple@test", summary: "Still on", lastModified: "20260104T000000Z"))
        let report = f.sync()
        #expect(report.failure == nil, "\(report)")
        #expect(try f.database.appointment(owner: f.owner, uid: "simple@test")?.title == "Still on")
        #expect(try f.serverEvents().count == 1)
    }

    @Test("§9.2 a lost sync token: the full listing that follows duplicates nothing and writes nothing",
          .enabled(if: CalendarSyncTests.available), arguments: CalDAVServer.Kind.allCases)
    func lostToken(kind: CalDAVServer.Kind) throws {
        try CalendarSyncTests.require(kind)
        let f = try SyncFixture(kind)
        for (uid, body) in ServerFixtures.all { try f.putOnServer(uid, body) }
        _ = try f.database.addAppointment(CalendarSyncTests.draft(f.owner, title: "From the CRM"), at: f.clock)
        _ = f.sync()
        try f.database.setCalendarSyncToken(owner: f.owner, token: kind == .radicale
            ? "http://radicale.org/ns/sync/" + String(repeating: "0", count: 64) : String(repeating: "0", count: 40))
        let report = f.sync()
        #expect(report.failure == nil, "\(report)")
        #expect(!report.changedSomething && report.serverWrites == 0, "\(report)")
        #expect(try f.appointments().count == 6)
        #expect(try f.serverEvents().count == 6)
        #expect(try f.database.calendarSyncState(of: f.owner).token?.hasPrefix("http://radicale.org/ns/sync/0000") != true)
    }

    @Test("§9.6 a 412 on PUT (the event changed on the server meanwhile) loses nothing: resolved at the next sync",
          .enabled(if: CalendarSyncTests.available), arguments: CalDAVServer.Kind.allCases)
    func preconditionFailedOnPut(kind: CalDAVServer.Kind) throws {
        try CalendarSyncTests.require(kind)
        let f = try SyncFixture(kind)
        try f.putOnServer("simple@test", ServerFixtures.simple)
        _ = f.sync()
        var appointment = try #require(try f.database.appointment(owner: f.owner, uid: "simple@test"))
        appointment.fields.location = "Room 7"
        _ = try f.database.updateAppointment(appointment.id, with: appointment.fields, at: f.clock)
        // The user's calendar program changes the event between our read and our PUT.
        let racing = RacingMapping(fixture: f, uid: "simple@test",
                                   body: SyncFixture.event("simple@test", summary: "Renamed meanwhile",
                                                           lastModified: "20260101T100000Z"))
        let first = f.sync(mapping: racing)
        #expect(first.deferred.count == 1, "\(first)")
        #expect(try f.serverEvents()["simple@test"]?.contains("SUMMARY:Renamed meanwhile") == true)
        let second = f.sync(policy: .crm)
        #expect(second.conflicts == 1, "\(second)")
        let server = try #require(try f.serverEvents()["simple@test"])
        #expect(server.contains("LOCATION:Room 7"))
        #expect(try f.database.auditEntries().contains { $0.detail.contains("SUMMARY:Renamed meanwhile") })
        #expect(!f.sync().changedSomething)
    }

    @Test("§9 mass-deletion guard: more than half of 12 events deleted on the server stops the user until --allow-mass-delete",
          .enabled(if: CalendarSyncTests.available), arguments: CalDAVServer.Kind.allCases)
    func massDeletionGuard(kind: CalDAVServer.Kind) throws {
        try CalendarSyncTests.require(kind)
        let f = try SyncFixture(kind)
        for i in 0..<12 { try f.putOnServer("e\(i)@test", SyncFixture.event("e\(i)@test", summary: "Event \(i)")) }
        _ = f.sync()
        #expect(try f.appointments().count == 12)
        let calendar = f.calendar()
        for resource in try calendar.listETags().prefix(10) { try calendar.delete(resource.href, ifMatch: resource.etag) }
        let stopped = f.sync()
        #expect(stopped.massDeletionStopped?.crm == 10, "\(stopped)")
        #expect(stopped.description.contains("mass-deletion guard"))
        #expect(try f.appointments().count == 12)
        #expect(f.sync().massDeletionStopped != nil)
        let allowed = f.sync(allowMassDelete: true)
        #expect(allowed.deletedInCRM == 10, "\(allowed)")
        #expect(try f.appointments().count == 2)
    }

    @Test("§9.2/§9.6 the server killed mid-sync: the run fails, the next one finishes, nothing duplicated or lost",
          .enabled(if: Prerequisite.met(Radicale.isAvailable)))
    func serverKilledMidSync() throws {
        try CalendarSyncTests.require(.radicale)
        let server = try CalDAVServer(.radicale)
        let f = try SyncFixture(.radicale, server: server)
        for i in 0..<6 { try f.putOnServer("s\(i)@test", SyncFixture.event("s\(i)@test", summary: "Server \(i)")) }
        for i in 0..<6 { _ = try f.database.addAppointment(CalendarSyncTests.draft(f.owner, title: "CRM \(i)"), at: f.clock) }
        let killing = KillingMapping(server: server, afterWrites: 3)
        let broken = f.sync(mapping: killing)
        #expect(broken.failure != nil, "\(broken)")
        try server.start()
        let report = f.sync()
        #expect(report.failure == nil, "\(report)")
        #expect(try f.appointments().count == 12)
        #expect(try f.serverEvents().count == 12)
        #expect(!f.sync().changedSomething)
    }
}
