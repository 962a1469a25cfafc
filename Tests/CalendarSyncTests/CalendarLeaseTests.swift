import CRMServiceApp
import CalendarSync
import CRMCore
import Foundation
import Testing
import TestSupport

/// Issue 14: the calendar-sync job syncs a user only under the lease `calendar:USERID` (a real Radicale, a real SQLite file).
@Suite struct CalendarLeaseTests {
    @Test("Issue 14: a user whose calendar lease another instance holds is skipped (no request); once free it is synced and the lease released",
          .enabled(if: Prerequisite.met(Radicale.isAvailable)))
    func skippedWhileAnotherHoldsTheLease() async throws {
        try Prerequisite.require(Radicale.isAvailable, CalDAVServer.missing(.radicale))
        let f = try SyncFixture(.radicale)
        _ = try f.putOnServer(ServerFixtures.all[0].0, ServerFixtures.all[0].1)
        let settings = CalendarSettings(url: f.endpoint.collectionURL, user: f.calendarUser,
                                        passwordFile: f.server.passwordFile(f.calendarUser), users: [f.owner])
        var service = CalendarSyncService(database: f.database, settings: settings)
        let key = LeaseKey.calendar(f.owner), other = InstanceName("a")
        service.lease = { LeaseKeeper(key: .calendar($0), holder: InstanceName("b"), ttl: .seconds(5), store: f.database) }

        _ = try f.database.acquireLease(key, holder: other, ttl: .seconds(60))
        let skipped = try await service.run()
        #expect(skipped.count == 1 && skipped[0].heldBy == other && skipped[0].requests == 0, "\(skipped)")
        #expect(try f.appointments().isEmpty)

        try f.database.releaseLease(key, holder: other)
        let synced = try await service.run()
        #expect(synced.count == 1 && synced[0].heldBy == nil && synced[0].failure == nil, "\(synced)")
        #expect(try f.appointments().count == 1)
        let lease = try #require(try f.database.leases().leases.first)
        #expect(lease.holder == InstanceName("b") && !lease.isHeld(at: Date()))
    }
}
