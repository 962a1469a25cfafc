import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a multistatus (or a `DAV:error` body) with Foundation's XMLParser (FoundationXML over libxml2 on Linux),
/// namespace-aware: `D:getetag` and `getetag` in the default namespace `DAV:` are the same element, whatever prefixes
/// the server chose (Xandikos writes `ns0:`, Radicale a default namespace).
final class MultistatusReader: NSObject, XMLParserDelegate {
    static let dav = "DAV:"
    static let caldav = "urn:ietf:params:xml:ns:caldav"
    static let calendarServer = "http://calendarserver.org/ns/"

    private var result = Multistatus()
    private var path: [(namespace: String, name: String)] = []
    private var text: [UInt8] = []
    private var response: Multistatus.Response?
    private var propstatStatus: Int?
    private var propstatProps = Multistatus.Response(href: DAVHref("/"))
    private var propstatHasData = false
    private var responseStatus: Int?
    private var href: String?
    /// The document element is `DAV:multistatus` or `DAV:error` (an HTML error page is neither).
    private var rootIsDAV = false

    /// The multistatus in `body`; nil when it is not XML or not a multistatus/error.
    static func read(_ body: [UInt8]) -> Multistatus? {
        let reader = MultistatusReader()
        let parser = XMLParser(data: Data(body))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse(), reader.rootIsDAV else { return nil }
        return reader.result
    }

    private func inside(_ name: String, _ namespace: String = dav) -> Bool {
        path.contains { $0.name == name && $0.namespace == namespace }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let namespace = namespaceURI ?? ""
        if path.isEmpty { rootIsDAV = namespace == Self.dav && (name == "multistatus" || name == "error") }
        path.append((namespace, name))
        text.removeAll(keepingCapacity: true)
        guard namespace == Self.dav else {
            if inside("error") && path.count == 2 { result.errors.append(name) }
            return
        }
        switch name {
        case "response":
            response = Multistatus.Response(href: DAVHref("/"))
            responseStatus = nil
            href = nil
        case "propstat":
            propstatStatus = nil
            propstatProps = Multistatus.Response(href: DAVHref("/"))
            propstatHasData = false
        case "collection" where inside("resourcetype"):
            propstatProps.isCollection = true
            propstatHasData = true
        default:
            if inside("error") && path.count == 2 { result.errors.append(name) }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text.append(contentsOf: string.utf8)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        text.append(contentsOf: block)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let namespace = namespaceURI ?? ""
        defer { path.removeLast() }
        let value = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        switch (namespace, name) {
        case (Self.dav, "href") where path.count == 3 && response != nil:
            href = value
        case (Self.dav, "status") where inside("propstat"):
            propstatStatus = Self.status(value)
        case (Self.dav, "status") where response != nil:
            responseStatus = Self.status(value)
        case (Self.dav, "getetag") where inside("prop"):
            propstatProps.etag = value
            propstatHasData = true
        case (Self.caldav, "calendar-data") where inside("prop"):
            propstatProps.calendarData = text
            propstatHasData = true
        case (Self.dav, "sync-token") where inside("prop"):
            propstatProps.syncToken = value
            propstatHasData = true
        case (Self.dav, "sync-token") where path.count == 2:
            result.syncToken = value
        case (Self.calendarServer, "getctag") where inside("prop"):
            propstatProps.ctag = value
            propstatHasData = true
        case (Self.dav, "propstat"):
            guard var current = response else { break }
            // Properties of a 404 propstat (asked for, not there) are not values.
            if propstatStatus == nil || propstatStatus == 200 {
                current.etag = current.etag ?? propstatProps.etag
                current.calendarData = current.calendarData ?? propstatProps.calendarData
                current.syncToken = current.syncToken ?? propstatProps.syncToken
                current.ctag = current.ctag ?? propstatProps.ctag
                current.isCollection = current.isCollection || propstatProps.isCollection
                if propstatHasData || current.status == nil { current.status = propstatStatus ?? 200 }
            } else if current.status == nil {
                current.status = propstatStatus
            }
            response = current
        case (Self.dav, "response"):
            guard var current = response, let href else { response = nil; break }
            current.href = DAVHref(href)
            if let responseStatus { current.status = responseStatus }
            result.responses.append(current)
            response = nil
        default:
            break
        }
    }

    /// `HTTP/1.1 404 Not Found` → 404.
    static func status(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        return parts.count >= 2 ? Int(parts[1]) : nil
    }
}
