/// The service's configuration (`--config FILE`): a struct per section, every key optional with a default.
///
/// Read with `ServiceConfiguration(contentsOf:environment:)` (`ServiceConfiguration+ConfigReader.swift`), which
/// documents every key; `config/crmservice.example.yaml` is the administrator's version.
public struct ServiceConfiguration: Sendable, Equatable {
    public var database: DatabaseSettings
    public var capture: CaptureSettings
    /// In name order.
    public var mailboxes: [MailboxSettings]

    /// The mailboxes `run` polls: the enabled ones, none when `jobs.mail-poll.enabled` is false.
    public var polledMailboxes: [MailboxSettings] {
        jobs.mailPollEnabled ? mailboxes.filter(\.enabled) : []
    }
    public var admin: AdminHTTPSettings
    public var jobs: JobSettings
    /// The `digest` section (§11); nil when the file has none (no digest is sent).
    public var digest: DigestSettings?
    /// `calendars:` (§9); nil when absent: no calendar sync.
    public var calendars: CalendarSettings?
    /// `instance:` (issue 14): this process among the instances sharing one database.
    public var instance = InstanceSettings()

    public init(
        database: DatabaseSettings = DatabaseSettings(), capture: CaptureSettings = CaptureSettings(),
        mailboxes: [MailboxSettings] = [], admin: AdminHTTPSettings = AdminHTTPSettings(), jobs: JobSettings = JobSettings(),
        calendars: CalendarSettings? = nil
    ) {
        self.database = database
        self.capture = capture
        self.mailboxes = mailboxes
        self.admin = admin
        self.jobs = jobs
        self.calendars = calendars
    }
}
