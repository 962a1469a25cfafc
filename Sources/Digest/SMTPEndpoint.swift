/// Where and as whom the digest is sent: `smtp://` (STARTTLS required) or `smtps://`, a login, TLS verified.
public struct SMTPEndpoint: Sendable {
    /// The secret that logs in; its description never shows it.
    public enum Credential: Sendable, CustomStringConvertible {
        /// AUTH PLAIN or LOGIN.
        case password(String)
        /// AUTH XOAUTH2 with an OAuth 2 bearer token.
        case oauth2Bearer(String)

        public var description: String {
            switch self {
            case .password: "password(redacted)"
            case .oauth2Bearer: "oauth2Bearer(redacted)"
            }
        }
    }

    /// `smtp://host[:port]` or `smtps://host[:port]` (no credentials in it).
    public var url: String
    /// The login; nil to send without AUTH (a relay that trusts the network).
    public var user: String?
    public var credential: Credential?
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caCertificatePath: String?
    public var connectTimeout: Duration
    /// A transfer that moves no byte for this long fails.
    public var lowSpeedTimeout: Duration

    /// Refuses any scheme but `smtp` and `smtps`, and user information in the URL.
    public init(url: String, user: String?, credential: Credential?, caCertificatePath: String? = nil,
                connectTimeout: Duration = .seconds(30), lowSpeedTimeout: Duration = .seconds(60))
        throws(InvalidSMTPURL) {
        let lower = url.lowercased()
        guard lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://") else {
            throw InvalidSMTPURL(url: url, reason: "the scheme must be smtp:// (STARTTLS) or smtps://")
        }
        let rest = lower.drop { $0 != "/" }.dropFirst(2)
        let authority = rest.prefix { $0 != "/" }
        guard !authority.isEmpty else { throw InvalidSMTPURL(url: url, reason: "no host") }
        guard !authority.contains("@") else {
            throw InvalidSMTPURL(url: "<redacted>", reason: "credentials belong in user and password_file, not the URL")
        }
        self.url = url
        self.user = user
        self.credential = credential
        self.caCertificatePath = caCertificatePath
        self.connectTimeout = connectTimeout
        self.lowSpeedTimeout = lowSpeedTimeout
    }

    /// `smtp://` asks for STARTTLS.
    public var needsStartTLS: Bool { url.lowercased().hasPrefix("smtp://") }
}

/// An SMTP URL the digest cannot use; never holds credentials.
public struct InvalidSMTPURL: Error, Sendable, CustomStringConvertible {
    public var url: String
    public var reason: String
    public var description: String { "invalid SMTP URL \(url): \(reason)" }
}
