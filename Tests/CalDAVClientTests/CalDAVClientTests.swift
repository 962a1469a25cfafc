import CalDAVClient
import Foundation
import Testing
import TestSupport

/// The client against both real servers (one shared server of each kind, a fresh user per test).
@Suite struct CalDAVClientTests {
    static func client(_ kind: CalDAVServer.Kind) throws -> (CalDAVClient, CalDAVServer, String) {
        let server = try kind == .radicale ? Radicale.shared() : Xandikos.shared()
        let user = try server.makeUser("c")
        let endpoint = CalDAVEndpoint(
            collectionURL: user.calendarURL, credential: .password(user: user.name, password: try server.password(user.name)))
        return (CalDAVClient(endpoint: endpoint), server, user.name)
    }

    static func event(_ uid: String, _ summary: String) -> [UInt8] {
        Array("""
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//test//EN\r
            BEGIN:VEVENT\r
            UID:\(uid)\r
            DTSTAMP:20260101T000000Z\r
            DTSTART:20260105T090000Z\r
            DTEND:20260105T100000Z\r
            SUMMARY:\(summary)\r
            END:VEVENT\r
            END:VCALENDAR\r

            """.utf8)
    }

    @Test("§9.6 create with If-None-Match: *, a second create of the same href is refused (412), not duplicated",
          .enabled(if: Prerequisite.met(Radicale.isAvailable && Xandikos.isAvailable)),
          arguments: CalDAVServer.Kind.allCases)
    func conditionalCreate(kind: CalDAVServer.Kind) throws {
        try Prerequisite.require(CalDAVServer.isAvailable(kind), CalDAVServer.missing(kind))
        let (client, _, _) = try Self.client(kind)
        let href = DAVHref.newResource(in: client.endpoint.collectionPath, uid: "a1@test")
        let etag = try client.put(href, Self.event("a1@test", "First"), ifMatch: nil)
        let again = #expect(throws: CalDAVError.self) { try client.put(href, Self.event("a1@test", "Again"), ifMatch: nil) }
        #expect(again?.kind == .preconditionFailed)
        let listed = try client.listETags()
        #expect(listed.map(\.href) == [href])
        if let etag { #expect(listed.first?.etag == etag) }
    }

    @Test("sync-collection: the initial report lists members; later ones what changed and what was removed (RFC 6578)",
          .enabled(if: Prerequisite.met(Radicale.isAvailable && Xandikos.isAvailable)),
          arguments: CalDAVServer.Kind.allCases)
    func syncCollection(kind: CalDAVServer.Kind) throws {
        try Prerequisite.require(CalDAVServer.isAvailable(kind), CalDAVServer.missing(kind))
        let (client, _, _) = try Self.client(kind)
        let collection = client.endpoint.collectionPath
        let a = DAVHref.newResource(in: collection, uid: "a"), b = DAVHref.newResource(in: collection, uid: "b")
        try client.put(a, Self.event("a", "A"), ifMatch: nil)
        try client.put(b, Self.event("b", "B"), ifMatch: nil)
        let first = try client.changes(since: nil)
        #expect(Set(first.changed.map(\.href)) == [a, b])
        let token = try #require(first.newToken)
        let unchanged = try client.changes(since: token)
        #expect(unchanged.changed.isEmpty && unchanged.removed.isEmpty)

        let etagA = try #require(first.changed.first { $0.href == a }?.etag)
        let etagB = try #require(first.changed.first { $0.href == b }?.etag)
        try client.put(a, Self.event("a", "A changed"), ifMatch: etagA)
        try client.delete(b, ifMatch: etagB)
        let later = try client.changes(since: unchanged.newToken ?? token)
        #expect(later.changed.map(\.href) == [a])
        #expect(later.removed == [b])

        let bodies = try client.fetch([a])
        #expect(bodies.count == 1)
        #expect(String(decoding: bodies[0].data ?? [], as: UTF8.self).contains("SUMMARY:A changed"))
    }

    @Test("§9.6 a PUT or DELETE with an ETag the resource no longer has is refused with 412",
          .enabled(if: Prerequisite.met(Radicale.isAvailable && Xandikos.isAvailable)),
          arguments: CalDAVServer.Kind.allCases)
    func staleETag(kind: CalDAVServer.Kind) throws {
        try Prerequisite.require(CalDAVServer.isAvailable(kind), CalDAVServer.missing(kind))
        let (client, _, _) = try Self.client(kind)
        let href = DAVHref.newResource(in: client.endpoint.collectionPath, uid: "s")
        try client.put(href, Self.event("s", "One"), ifMatch: nil)
        let old = try #require(client.listETags().first?.etag)
        try client.put(href, Self.event("s", "Two"), ifMatch: old)
        let put = #expect(throws: CalDAVError.self) { try client.put(href, Self.event("s", "Three"), ifMatch: old) }
        #expect(put?.kind == .preconditionFailed)
        let delete = #expect(throws: CalDAVError.self) { try client.delete(href, ifMatch: old) }
        #expect(delete?.kind == .preconditionFailed)
        let body = try #require(client.get(href)?.data)
        #expect(String(decoding: body, as: UTF8.self).contains("SUMMARY:Two"))
    }

    @Test("§9.2 a token the server does not know is refused, and the fallback is one full listing without duplicates",
          .enabled(if: Prerequisite.met(Radicale.isAvailable && Xandikos.isAvailable)),
          arguments: CalDAVServer.Kind.allCases)
    func refusedToken(kind: CalDAVServer.Kind) throws {
        try Prerequisite.require(CalDAVServer.isAvailable(kind), CalDAVServer.missing(kind))
        let (client, _, _) = try Self.client(kind)
        let href = DAVHref.newResource(in: client.endpoint.collectionPath, uid: "t")
        try client.put(href, Self.event("t", "T"), ifMatch: nil)
        let bogus = kind == .radicale ? "http://radicale.org/ns/sync/" + String(repeating: "0", count: 64)
            : String(repeating: "0", count: 40)
        let refused = #expect(throws: CalDAVError.self) { try client.changes(since: bogus) }
        // Radicale: 403 valid-sync-token (RFC 6578 §3.2); Xandikos 0.2.8: 500.
        #expect(kind == .radicale ? refused?.kind == .syncTokenRefused : refused?.status == 500)
        let listing = try client.changesOrListing(since: bogus)
        #expect(listing.isFullListing)
        #expect(listing.changed.map(\.href) == [href])
        #expect(listing.newToken != nil)
    }

    @Test("HTTPS: verified against the given CA; without it the TLS handshake fails; a wrong password gets 401",
          .enabled(if: Prerequisite.met(Radicale.isAvailable)))
    func tlsAndAuthentication() throws {
        try Prerequisite.require(Radicale.isAvailable, Radicale.missing)
        let server = try CalDAVServer(.radicale, tls: true)
        let user = try server.makeUser("tls")
        let password = try server.password(user.name)
        let trusted = CalDAVClient(endpoint: CalDAVEndpoint(
            collectionURL: user.calendarURL, credential: .password(user: user.name, password: password),
            caCertificatePath: server.cacert))
        #expect(try trusted.listETags().isEmpty)
        #expect(user.calendarURL.hasPrefix("https://"))

        let untrusted = CalDAVClient(endpoint: CalDAVEndpoint(
            collectionURL: user.calendarURL, credential: .password(user: user.name, password: password)))
        let tls = #expect(throws: CalDAVError.self) { try untrusted.listETags() }
        #expect(tls?.kind == .transport)

        let wrong = CalDAVClient(endpoint: CalDAVEndpoint(
            collectionURL: user.calendarURL, credential: .password(user: user.name, password: "wrong" + password),
            caCertificatePath: server.cacert))
        let refused = #expect(throws: CalDAVError.self) { try wrong.listETags() }
        #expect(refused?.status == 401)
    }
}
