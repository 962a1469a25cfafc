/// A CalDAV request that failed: the transfer (connection, TLS, timeout), or the server's answer.
public struct CalDAVError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// No answer: connection refused, TLS refused, timeout, a transfer cut.
        case transport
        /// An HTTP status the request does not accept.
        case status
        /// `If-Match`/`If-None-Match` refused (412): the resource changed, or exists, meanwhile.
        case preconditionFailed
        /// RFC 6578 §3.2: the sync token is no longer valid (403/409 `DAV:valid-sync-token`, or 400 on some servers).
        case syncTokenRefused
        /// The collection does not offer REPORT sync-collection.
        case syncUnsupported
        /// An answer we cannot read (no multistatus, an href outside the collection).
        case malformedAnswer
    }

    public var kind: Kind
    /// What was asked: `PUT /alice/calendar/x.ics`.
    public var request: String
    /// The HTTP status, when there was an answer.
    public var status: Int?
    /// libcurl's message, or what in the answer was wrong.
    public var detail: String

    public init(kind: Kind, request: String, status: Int? = nil, detail: String = "") {
        self.kind = kind
        self.request = request
        self.status = status
        self.detail = detail
    }

    public var description: String {
        var text = "\(request): \(kind.rawValue)"
        if let status { text += " (HTTP \(status))" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
