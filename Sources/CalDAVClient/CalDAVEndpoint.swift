import Foundation

/// One calendar collection on a CalDAV server (RFC 4791) and how to reach it: its URL, the login, TLS trust and
/// timeouts. A value: the client opens its own connection from it.
public struct CalDAVEndpoint: Sendable, Hashable {
    /// The collection's URL, `http://` or `https://`, ending in `/`.
    public var collectionURL: String
    public var credential: CalDAVCredential
    /// A PEM file of the CA certificates to trust instead of the system's (`calendars.cacert`).
    public var caCertificatePath: String?
    public var connectTimeout: Duration
    /// A transfer that moves less than a byte a second for this long fails (a server that stopped answering). Long:
    /// Radicale, first asked for 5,000 events it has not cached yet, sends nothing for over a minute.
    public var lowSpeedTimeout: Duration

    public init(collectionURL: String, credential: CalDAVCredential, caCertificatePath: String? = nil,
                connectTimeout: Duration = .seconds(10), lowSpeedTimeout: Duration = .seconds(300)) {
        self.collectionURL = collectionURL.hasSuffix("/") ? collectionURL : collectionURL + "/"
        self.credential = credential
        self.caCertificatePath = caCertificatePath
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
    }

    /// `scheme://host[:port]` of the collection URL: hrefs of a multistatus are paths on it.
    public var origin: String {
        guard let schemeEnd = collectionURL.range(of: "://") else { return "" }
        let rest = collectionURL[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(collectionURL[..<hostEnd])
    }

    /// The collection's path (`/alice/calendar/`), as hrefs name it.
    public var collectionPath: DAVHref { DAVHref(String(collectionURL.dropFirst(origin.count))) }

    /// The URL of a resource of this server.
    public func url(of href: DAVHref) -> String { origin + href.path }

    /// Host and path without the credential, for messages and logs.
    public var displayName: String { collectionURL }
}

/// How the client logs in: HTTP basic authentication, or a bearer token (RFC 6750), read from secret files.
public enum CalDAVCredential: Sendable, Hashable {
    case none
    case password(user: String, password: String)
    case bearer(token: String)
}
