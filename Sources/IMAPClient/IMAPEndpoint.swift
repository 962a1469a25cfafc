import CRMCore

/// Where and as whom a `CurlMailboxSession` connects: `imap://` (STARTTLS required) or `imaps://`, one folder.
public struct IMAPEndpoint: Sendable {
    /// `imap` (plain port, STARTTLS required before login) or `imaps` (TLS from the first byte).
    public enum Scheme: String, Sendable {
        case imap, imaps
    }

    /// The secret that logs in. Its description never shows the secret.
    public enum Credential: Sendable, CustomStringConvertible {
        /// LOGIN / AUTHENTICATE PLAIN with a password.
        case password(String)
        /// AUTHENTICATE XOAUTH2 with an OAuth 2 bearer token.
        case oauth2Bearer(String)

        public var description: String {
            switch self {
            case .password: "password(redacted)"
            case .oauth2Bearer: "oauth2Bearer(redacted)"
            }
        }

        var secret: String {
            switch self {
            case .password(let s), .oauth2Bearer(let s): s
            }
        }
    }

    public var scheme: Scheme
    /// Host name or IP literal (IPv6 in brackets, as in the URL).
    public var host: String
    /// The port, or nil for the scheme's default (143, 993).
    public var port: Int?
    /// The folder, decoded (`INBOX`, `Archive/2025`); the hierarchy separator is the server's.
    public var folder: String
    public var user: String
    public var credential: Credential
    /// A PEM file of CA certificates to trust instead of the system's (`--cacert`).
    public var caCertificatePath: String?
    /// How long connecting (TCP, TLS, login greeting) may take.
    public var connectTimeout: Duration
    /// A transfer that moves no byte for this long fails with kind `timeout`.
    public var lowSpeedTimeout: Duration

    /// Parses `imap[s]://host[:port]/FOLDER` (the folder percent-encoded, required; no credentials in the URL).
    public init(
        url: String,
        user: String,
        credential: Credential,
        caCertificatePath: String? = nil,
        connectTimeout: Duration = .seconds(30),
        lowSpeedTimeout: Duration = .seconds(60)
    ) throws(InvalidIMAPURL) {
        let parsed = try IMAPURLParser.parse(url)
        self.scheme = parsed.scheme
        self.host = parsed.host
        self.port = parsed.port
        self.folder = parsed.folder
        self.user = user
        self.credential = credential
        self.caCertificatePath = caCertificatePath
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
    }

    /// `imaps://host:port/` — the server, no folder (STATUS, CAPABILITY).
    public var serverURL: String {
        var s = "\(scheme.rawValue)://\(host)"
        if let port { s += ":\(port)" }
        return s + "/"
    }

    /// `imaps://host:port/FOLDER` — libcurl selects the folder before a custom request on this URL.
    public var folderURL: String { serverURL + IMAPURLParser.percentEncode(folder) }

    /// `imaps://host:port/FOLDER` without secrets, for error messages and logs.
    public var displayName: String { "\(serverURL)\(folder)" }
}

/// An IMAP URL that `IMAPEndpoint` cannot use. Never holds credentials: a URL with user information is not repeated.
public struct InvalidIMAPURL: Error, Sendable, CustomStringConvertible {
    /// The URL as given, or `<redacted>` when it carried user information.
    public var url: String
    public var reason: String
    public var description: String { "invalid IMAP URL \(url): \(reason)" }
}
