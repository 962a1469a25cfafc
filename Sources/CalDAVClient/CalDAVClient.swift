import Foundation

/// The CalDAV requests the sync needs on one calendar collection (RFC 4791, RFC 6578), over one `HTTPConnection`.
/// Blocking: run it off the cooperative pool.
public final class CalDAVClient {
    public let connection: HTTPConnection
    public var endpoint: CalDAVEndpoint { connection.endpoint }
    /// Hrefs asked for per `calendar-multiget`.
    public var multigetBatch = 100

    public init(endpoint: CalDAVEndpoint) {
        connection = HTTPConnection(endpoint: endpoint)
    }

    /// Requests sent so far, and of them those that changed the server.
    public var requestCount: Int { connection.requestCount }
    public var writeCount: Int { connection.writeCount }

    /// The collection's `DAV:sync-token` (RFC 6578 §4) and `CS:getctag`, from a Depth 0 PROPFIND.
    public func collectionTokens() throws(CalDAVError) -> (syncToken: String?, ctag: String?) {
        let body = CalDAVRequests.propfind(["<d:sync-token/>", "<cs:getctag/>", "<d:resourcetype/>"])
        let answer = try multistatus("PROPFIND", endpoint.collectionURL, depth: "0", body: body)
        let own = answer.responses.first { $0.href == endpoint.collectionPath } ?? answer.responses.first
        return (own?.syncToken, own?.ctag)
    }

    /// Every member of the collection with its ETag (PROPFIND Depth 1), sub-collections left out.
    public func listETags() throws(CalDAVError) -> [CalendarResource] {
        let body = CalDAVRequests.propfind(["<d:getetag/>", "<d:resourcetype/>"])
        let answer = try multistatus("PROPFIND", endpoint.collectionURL, depth: "1", body: body)
        return answer.responses.compactMap { response in
            guard response.href != endpoint.collectionPath, !response.isCollection, response.status == 200,
                  let etag = response.etag else { return nil }
            return CalendarResource(href: response.href, etag: etag)
        }
    }

    /// What changed since `token` (REPORT sync-collection, RFC 6578 §3.2; nil: the initial sync, every member).
    /// Throws `syncTokenRefused` when the server no longer knows the token, `syncUnsupported` when it has no
    /// sync-collection.
    public func changes(since token: String?) throws(CalDAVError) -> CollectionChanges {
        let request = "REPORT sync-collection \(endpoint.collectionPath)"
        let response = try connection.send(
            "REPORT", endpoint.collectionURL, headers: ["Depth: 0", "Content-Type: application/xml; charset=utf-8"],
            body: CalDAVRequests.syncCollection(token: token))
        switch response.status {
        case 207:
            break
        case 403, 409, 400, 412:
            let errors = MultistatusReader.read(response.body)?.errors ?? []
            if errors.contains("valid-sync-token") || (response.status == 400 && token != nil) {
                throw CalDAVError(kind: .syncTokenRefused, request: request, status: response.status)
            }
            if errors.contains("supported-report") || response.status == 400 || response.status == 403 {
                throw CalDAVError(kind: .syncUnsupported, request: request, status: response.status)
            }
            throw CalDAVError(kind: .status, request: request, status: response.status)
        case 405, 501:
            throw CalDAVError(kind: .syncUnsupported, request: request, status: response.status)
        default:
            throw CalDAVError(kind: .status, request: request, status: response.status)
        }
        guard let answer = MultistatusReader.read(response.body) else {
            throw CalDAVError(kind: .malformedAnswer, request: request, status: 207, detail: "not a multistatus")
        }
        var changed: [CalendarResource] = [], removed: [DAVHref] = []
        for member in answer.responses where member.href != endpoint.collectionPath && !member.isCollection {
            if member.status == 404 {
                removed.append(member.href)
            } else if let etag = member.etag {
                changed.append(CalendarResource(href: member.href, etag: etag))
            }
        }
        return CollectionChanges(changed: changed, removed: removed, newToken: answer.syncToken, isFullListing: token == nil)
    }

    /// Changes since `token`, falling back to a full listing when the token is refused or the server has no
    /// sync-collection (RFC 6578 §3.2: the client then starts over with a full listing).
    public func changesOrListing(since token: String?) throws(CalDAVError) -> CollectionChanges {
        do {
            return try changes(since: token)
        } catch where token != nil && (error.kind == .syncTokenRefused || (error.status ?? 0) >= 500) {
            // Xandikos 0.2 answers an unknown token with 500: a report without a token tells a refused token from
            // a broken server.
            if let fresh = try? changes(since: nil) { return fresh }
            if error.kind != .syncTokenRefused { throw error }
        } catch where error.kind == .syncUnsupported {
        }
        let listing = try listETags()
        let tokens = try? collectionTokens()
        return CollectionChanges(changed: listing, removed: [], newToken: tokens?.syncToken, isFullListing: true)
    }

    /// The bodies of `hrefs` with their ETags (REPORT calendar-multiget, RFC 4791 §7.9), `multigetBatch` a request.
    /// An href the server no longer has is left out.
    public func fetch(_ hrefs: [DAVHref]) throws(CalDAVError) -> [CalendarResource] {
        var out: [CalendarResource] = []
        var start = 0
        while start < hrefs.count {
            let batch = Array(hrefs[start..<min(hrefs.count, start + multigetBatch)])
            start += batch.count
            let answer: Multistatus
            do {
                answer = try multistatus("REPORT", endpoint.collectionURL, depth: "1", body: CalDAVRequests.multiget(batch))
            } catch where error.kind == .malformedAnswer {
                // An answer the XML reader cannot take whole (libxml2 refuses a text node over 10 MB, and so one
                // event with a huge DESCRIPTION): this batch one resource at a time, by GET, which needs no XML.
                for href in batch { if let resource = try get(href) { out.append(resource) } }
                continue
            }
            for member in answer.responses where member.status == 200 {
                guard let etag = member.etag, let data = member.calendarData else { continue }
                out.append(CalendarResource(href: member.href, etag: etag, data: data))
            }
        }
        return out
    }

    /// One resource by GET (its ETag from the answer's header).
    public func get(_ href: DAVHref) throws(CalDAVError) -> CalendarResource? {
        let response = try connection.send("GET", endpoint.url(of: href))
        if response.status == 404 || response.status == 410 { return nil }
        guard response.status == 200 else {
            throw CalDAVError(kind: .status, request: "GET \(href)", status: response.status)
        }
        return CalendarResource(href: href, etag: response.etag ?? "", data: response.body)
    }

    /// A PUT that creates (`If-None-Match: *`) when `ifMatch` is nil, else replaces only that version (`If-Match`).
    /// Returns the new ETag when the server sends one (RFC 4791 §5.3.4: not when it changed what we sent).
    @discardableResult
    public func put(_ href: DAVHref, _ data: [UInt8], ifMatch etag: String?) throws(CalDAVError) -> String? {
        let condition = etag.map { "If-Match: \($0)" } ?? "If-None-Match: *"
        let response = try connection.send(
            "PUT", endpoint.url(of: href), headers: [condition, "Content-Type: text/calendar; charset=utf-8"], body: data)
        switch response.status {
        case 200, 201, 204: return response.etag
        case 412: throw CalDAVError(kind: .preconditionFailed, request: "PUT \(href)", status: 412)
        default: throw CalDAVError(kind: .status, request: "PUT \(href)", status: response.status,
                                   detail: String(decoding: response.body.prefix(300), as: UTF8.self))
        }
    }

    /// A DELETE of that version only (`If-Match`); a resource already gone counts as deleted.
    public func delete(_ href: DAVHref, ifMatch etag: String) throws(CalDAVError) {
        let response = try connection.send("DELETE", endpoint.url(of: href), headers: ["If-Match: \(etag)"])
        switch response.status {
        case 200, 204, 404, 410: return
        case 412: throw CalDAVError(kind: .preconditionFailed, request: "DELETE \(href)", status: 412)
        default: throw CalDAVError(kind: .status, request: "DELETE \(href)", status: response.status)
        }
    }

    private func multistatus(_ method: String, _ url: String, depth: String, body: [UInt8]) throws(CalDAVError)
        -> Multistatus
    {
        let request = "\(method) \(url.dropFirst(endpoint.origin.count))"
        let response = try connection.send(
            method, url, headers: ["Depth: \(depth)", "Content-Type: application/xml; charset=utf-8"], body: body)
        guard response.status == 207 else {
            throw CalDAVError(kind: .status, request: request, status: response.status)
        }
        guard let answer = MultistatusReader.read(response.body) else {
            throw CalDAVError(kind: .malformedAnswer, request: request, status: 207, detail: "not a multistatus")
        }
        return answer
    }
}

@available(*, unavailable)
extension CalDAVClient: Sendable {}
