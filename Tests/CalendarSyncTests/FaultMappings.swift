import CRMServiceApp
import CalDAVClient
import CalendarSync
import CRMCore
import Foundation
import TestSupport

/// The interim mapping, but the first time the sync renders `uid` for a PUT, the user's calendar program changes
/// that event on the server first: the sync's If-Match then meets a newer ETag (a real 412 from the real server).
final class RacingMapping: AppointmentResourceMapping, @unchecked Sendable {
    let fixture: SyncFixture
    let uid: String
    let body: String
    var raced = false

    init(fixture: SyncFixture, uid: String, body: String) {
        self.fixture = fixture
        self.uid = uid
        self.body = body
    }

    func read(_ resource: [UInt8], owner: UserID) -> CalendarEventReading { CalendarResourceMapper().read(resource, owner: owner) }

    func resource(for appointment: Appointment, now: Date) -> [UInt8] {
        if appointment.uid == uid, !raced {
            raced = true
            _ = try? fixture.putOnServer(uid, body)
        }
        return CalendarResourceMapper().resource(for: appointment, now: now)
    }
}

/// The interim mapping, but the server is killed (SIGKILL to its process group) when the sync renders its
/// `afterWrites`-th resource: the PUTs after it find no server.
final class KillingMapping: AppointmentResourceMapping, @unchecked Sendable {
    let server: CalDAVServer
    let afterWrites: Int
    var rendered = 0

    init(server: CalDAVServer, afterWrites: Int) {
        self.server = server
        self.afterWrites = afterWrites
    }

    func read(_ resource: [UInt8], owner: UserID) -> CalendarEventReading { CalendarResourceMapper().read(resource, owner: owner) }

    func resource(for appointment: Appointment, now: Date) -> [UInt8] {
        rendered += 1
        if rendered == afterWrites { try? server.stop() }
        return CalendarResourceMapper().resource(for: appointment, now: now)
    }
}
