import StoreTestSupport
import CRMServiceApp
import CalDAVClient
import CalendarSync
import CRMCore
import Foundation
import Store
import TestSupport

/// One test's world: a fresh database with the user `anna` (anna@example.com) and the contact C1 (carl@acme.test) of
/// account ACME, and a fresh user with an empty calendar on the shared server of `kind` standing for anna's calendar.
final class SyncFixture: @unchecked Sendable {
    let kind: CalDAVServer.Kind
    let server: CalDAVServer
    let calendarUser: String
    let endpoint: CalDAVEndpoint
    let directory: URL
    let database: AppDatabase
    let owner = UserID("anna")
    var clock = Date(timeIntervalSince1970: 1_790_000_000)

    init(_ kind: CalDAVServer.Kind, server: CalDAVServer? = nil) throws {
        self.kind = kind
        self.server = try server ?? (kind == .radicale ? Radicale.shared() : Xandikos.shared())
        let user = try self.server.makeUser("anna")
        calendarUser = user.name
        endpoint = CalDAVEndpoint(collectionURL: user.calendarURL,
                                  credential: .password(user: user.name, password: try self.server.password(user.name)))
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("calsync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        _ = try database.importAccounts([
            AccountRecord(id: AccountID("ACME"), name: "Acme", type: AccountType("Customer"),
                          status: AccountStatus("Active"), parentID: nil, currency: CurrencyCode(rawValue: "EUR")!),
        ], at: clock)
        _ = try database.importUsers([
            UserRecord(id: owner, name: "Anna", addresses: [EmailAddress("anna@example.com")!]),
        ])
        _ = try database.importContacts([
            ContactRecord(id: ContactID("C1"), accountID: AccountID("ACME"), name: "Carl",
                          addresses: [EmailAddress("carl@acme.test")!]),
        ])
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Another client of the same calendar (what the user's own calendar program does).
    func calendar() -> CalDAVClient { CalDAVClient(endpoint: endpoint) }

    /// One sync with a fresh client; `mapping` wraps the interim mapping for fault tests.
    func sync(policy: ConflictPolicy = .newest, full: Bool = false, allowMassDelete: Bool = false,
              mapping: (any AppointmentResourceMapping)? = nil) -> CalendarSyncReport {
        let now = clock
        let engine = CalendarSyncEngine(store: database, mapping: mapping ?? CalendarResourceMapper(), policy: policy, now: { now })
        return engine.sync(owner: owner, client: CalDAVClient(endpoint: endpoint), full: full,
                           allowMassDelete: allowMassDelete)
    }

    func appointments() throws -> [Appointment] { try database.appointments(ownedBy: owner) }

    /// Puts an event on the server as the user's calendar program would: a new resource `UID.ics`.
    @discardableResult
    func putOnServer(_ uid: String, _ body: String) throws -> DAVHref {
        let client = calendar()
        let href = DAVHref.newResource(in: endpoint.collectionPath, uid: uid)
        let etag = client.listETagsOrEmpty().first { $0.href == href }?.etag
        try client.put(href, Array(body.replacingOccurrences(of: "\n", with: "\r\n").utf8), ifMatch: etag)
        return href
    }

    /// The server's resources by UID (read through a GET each).
    func serverEvents() throws -> [String: String] {
        let client = calendar()
        var out: [String: String] = [:]
        for resource in try client.fetch(client.listETags().map(\.href)) {
            let text = String(decoding: resource.data ?? [], as: UTF8.self)
            let uid = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4)) } ?? ""
            if out[uid] != nil { throw DuplicateOnServer(uid: uid) }
            out[uid] = text
        }
        return out
    }

    static func event(_ uid: String, summary: String, start: String = "20260105T090000Z",
                      end: String = "20260105T100000Z", lastModified: String = "20260101T000000Z",
                      extra: String = "") -> String {
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//Calendar//EN
        BEGIN:VEVENT
        UID:\(uid)
        DTSTAMP:\(lastModified)
        LAST-MODIFIED:\(lastModified)
        DTSTART:\(start)
        DTEND:\(end)
        SUMMARY:\(summary)
        \(extra.isEmpty ? "" : extra + "\n")END:VEVENT
        END:VCALENDAR

        """.replacingOccurrences(of: "\n\n", with: "\n")
    }
}

struct DuplicateOnServer: Error { var uid: String }

extension CalDAVClient {
    func listETagsOrEmpty() -> [CalendarResource] { (try? listETags()) ?? [] }
}
