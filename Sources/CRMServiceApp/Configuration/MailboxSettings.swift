/// One entry of the `mailboxes` section (a mapping keyed by mailbox name): an IMAP mailbox the service polls.
public struct MailboxSettings: Sendable, Equatable {
    /// What the poller does with a message once it is captured (`after`).
    public enum AfterCapture: Sendable, Equatable, CustomStringConvertible {
        /// `seen`: set `\Seen` (the default).
        case seen
        /// `none`: leave the message alone.
        case none
        /// `move:FOLDER`: move it to FOLDER.
        case move(folder: String)

        /// Parses `seen`, `none` or `move:FOLDER`.
        public init?(_ text: String) {
            switch text {
            case "seen": self = .seen
            case "none": self = .none
            default:
                guard text.hasPrefix("move:"), text.count > 5 else { return nil }
                self = .move(folder: String(text.dropFirst(5)))
            }
        }

        public var description: String {
            switch self {
            case .seen: "seen"
            case .none: "none"
            case .move(let folder): "move:\(folder)"
            }
        }
    }

    /// The key under `mailboxes`, recorded as the source mailbox of what it captures.
    public var name: String
    /// `url`: `imaps://host[:port]/FOLDER` or `imap://…` (STARTTLS). Required.
    public var url: String
    /// `user`: the login. Required.
    public var user: String
    /// `password_file`: the file holding the password (exactly one of this and `oauth2TokenFile`).
    public var passwordFile: String?
    /// `oauth2_token_file`: the file holding an OAuth 2 bearer token (XOAUTH2).
    public var oauth2TokenFile: String?
    /// `cacert`: a CA bundle to verify the server with (default: the system's).
    public var cacert: String?
    /// `after`: default `seen`.
    public var after: AfterCapture
    /// `since`: `YYYY-MM-DD`; the first poll only takes mail received since that day.
    public var since: String?
    /// `interval_seconds`: default `jobs.mail-poll.interval_seconds`.
    public var intervalSeconds: Int
    /// `enabled`: default true.
    public var enabled: Bool
    /// `idle`: keep an IMAP IDLE connection that wakes the poll at once on new mail (§11); default true. Without
    /// IDLE on the server the mailbox is polled at its interval either way.
    public var idle: Bool

    public init(
        name: String, url: String, user: String, passwordFile: String? = nil, oauth2TokenFile: String? = nil,
        cacert: String? = nil, after: AfterCapture = .seen, since: String? = nil, intervalSeconds: Int = 60,
        enabled: Bool = true, idle: Bool = true
    ) {
        self.idle = idle
        self.name = name
        self.url = url
        self.user = user
        self.passwordFile = passwordFile
        self.oauth2TokenFile = oauth2TokenFile
        self.cacert = cacert
        self.after = after
        self.since = since
        self.intervalSeconds = intervalSeconds
        self.enabled = enabled
    }
}
