/// The `digest` section (§11): how each user's digest is mailed. Absent: no digest (the job is disabled and
/// `digest send` refuses to run).
public struct DigestSettings: Sendable, Equatable {
    /// `digest.smtp_url`: `smtp://host[:port]` (STARTTLS required) or `smtps://host[:port]`. Required.
    public var smtpURL: String
    /// `digest.user`: the SMTP login; without it the server is used without AUTH.
    public var user: String?
    /// `digest.password_file`: the password (at most one of this and `oauth2TokenFile`).
    public var passwordFile: String?
    /// `digest.oauth2_token_file`: an OAuth 2 bearer token (XOAUTH2), read again at every run.
    public var oauth2TokenFile: String?
    /// `digest.cacert`: CA certificates to verify the server with (default: the system's).
    public var cacert: String?
    /// `digest.from`: the sender address. Required.
    public var from: String
    /// `digest.schedule` [0 7 * * 1-5], `digest.time_zone` [UTC], `digest.enabled` [true]: the job `digest`.
    public var job: JobSettings.Scheduled

    public static let defaultSchedule = "0 7 * * 1-5"

    public init(smtpURL: String, user: String? = nil, passwordFile: String? = nil, oauth2TokenFile: String? = nil,
                cacert: String? = nil, from: String,
                job: JobSettings.Scheduled = JobSettings.Scheduled(schedule: DigestSettings.defaultSchedule)) {
        self.smtpURL = smtpURL
        self.user = user
        self.passwordFile = passwordFile
        self.oauth2TokenFile = oauth2TokenFile
        self.cacert = cacert
        self.from = from
        self.job = job
    }
}
