import Configuration
import CRMCore
import Foundation
import Jobs

/// Reading the configuration file. Every key is optional; the environment overrides the file, a key's variable being
/// its path in upper case with `.` and `-` turned into `_` (swift-configuration's `EnvironmentVariablesProvider`):
/// `database.path` is `DATABASE_PATH`, `jobs.log-truncate.keep_days` is `JOBS_LOG_TRUNCATE_KEEP_DAYS`, list items are
/// comma-separated (`CAPTURE_NEVER_CAPTURE_DOMAINS=a.example,b.example`). The environment can change a mailbox the file
/// names (`MAILBOXES_CORPORATE_USER`) but not add one. An empty variable is ignored (the file's value applies).
///
/// Keys (default in brackets):
/// - `database.path` [/var/lib/crmservice/crmservice.sqlite], or `database.url` (postgres://USER@HOST:PORT/DB?sslmode=…)
///   with `database.password_file` [none] and `database.pool_size` [8]
/// - `instance.name` [the host name], `instance.lease_seconds` [30] (several instances on one PostgreSQL)
/// - `capture.capture_addresses`, `capture.never_capture.addresses`, `capture.never_capture.domains` [none]
/// - `capture.max_message_bytes` [67108864, 64 MiB; a positive whole number]
/// - `mailboxes.NAME.` `url` (required), `user` (required), `password_file` or `oauth2_token_file` (exactly one),
///   `cacert` [system CAs], `after` [seen], `since` [none], `interval_seconds` [jobs.mail-poll.interval_seconds],
///   `enabled` [true], `idle` [true]
/// - `admin.host` [127.0.0.1], `admin.port` [8025], `admin.password_file` [none; required by `crmservice run`],
///   `admin.tls_cert_file` and `admin.tls_key_file` [none: plain HTTP; both or neither], `admin.public_url` [none;
///   required by `digest`: the console's address as users reach it, http:// or https://]
/// - `jobs.rating` [0 2 * * *], `jobs.log-truncate` [30 3 * * *, keep_days 90], `jobs.archive` [0 4 1 * *, disabled,
///   months 24, at least 12]: `schedule`, `time_zone` [UTC], `enabled` [true]; `jobs.mail-poll.interval_seconds` [60],
///   `jobs.mail-poll.enabled` [true]
/// - `digest.` (§11; the section absent: no digest) `smtp_url` (required: smtp:// with STARTTLS required, or smtps://),
///   `user` [none: no AUTH], `password_file` or `oauth2_token_file` (one of them with `user`), `cacert` [system CAs],
///   `from` (required), `schedule` [0 7 * * 1-5], `time_zone` [UTC], `enabled` [true]
///
/// - `calendars.` `url` (with `{email}` or `{user}`), `user`, `password_file` or `token_file` (exactly one), `cacert`
///   [system CAs], `conflict` [newest; crm, calendar], `users` [every user with an address] (§9; absent: no sync)
///
/// Relative paths (`database.path`, the `*_file` keys, `cacert`) resolve against the configuration file's directory.
/// A key the file holds that is none of these is an error (administrators mistype).
extension ServiceConfiguration {
    /// Reads the YAML file at `path` with `environment` overriding it; throws every problem found.
    public init(contentsOf path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigurationError) {
        let fileURL = URL(fileURLWithPath: path).standardizedFileURL
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: fileURL)) } catch {
            throw ConfigurationError(file: path, problems: [.init(key: nil, message: "cannot read the file")])
        }
        let file: ConfigurationFile
        do { file = try ConfigurationFile(bytes: bytes) } catch {
            throw ConfigurationError(file: path, problems: [error])
        }
        let reader = ConfigReader(providers: [
            EnvironmentVariablesProvider(environmentVariables: environment.filter { !$0.value.isEmpty }),
            ConfigurationFileProvider(file: file),
        ])
        var settings = SettingsReader(
            reader: reader, fileKeys: file.keys, directory: fileURL.deletingLastPathComponent())
        self.init(reading: &settings)
        for key in file.keys.subtracting(settings.asked).sorted() {
            settings.problem(key, "unknown key")
        }
        guard settings.problems.isEmpty else { throw ConfigurationError(file: path, problems: settings.problems) }
    }

    /// Reads every section (problems collect in `settings`).
    init(reading settings: inout SettingsReader) {
        self.init()
        for section in ["database", "capture", "capture.never_capture", "mailboxes", "admin", "jobs", "instance"] {
            settings.section(section)
        }
        database = DatabaseSettings(reading: &settings)
        instance = InstanceSettings(
            name: settings.text("instance.name") ?? InstanceSettings.hostName,
            leaseSeconds: settings.int("instance.lease_seconds", default: InstanceSettings.defaultLeaseSeconds, in: 5...3600))
        capture = CaptureSettings(reading: &settings)
        jobs = JobSettings(reading: &settings)
        mailboxes = MailboxSettings.all(reading: &settings, defaultInterval: jobs.mailPollIntervalSeconds)
        admin = AdminHTTPSettings(reading: &settings)
        digest = DigestSettings.read(&settings, publicURL: admin.publicURL)
        jobs.digest = digest?.job ?? JobSettings.Scheduled(schedule: DigestSettings.defaultSchedule, enabled: false)
        calendars = CalendarSettings(reading: &settings)
        if calendars == nil { jobs.calendarSync.enabled = false }
    }

    /// Checks what `crmservice run` needs beyond a readable file: the admin password file.
    public func validateForRun(file: String) throws(ConfigurationError) {
        if admin.passwordFile == nil {
            throw ConfigurationError(file: file, problems: [.init(
                key: "admin.password_file", message: "is required by crmservice run (the admin HTTP server always asks for a password)")])
        }
    }
}

extension DatabaseSettings {
    init(reading settings: inout SettingsReader) {
        let path = settings.path("database.path")
        self.init(path: path ?? DatabaseSettings.defaultPath, url: settings.text("database.url"),
                  passwordFile: settings.path("database.password_file"),
                  poolSize: settings.int("database.pool_size", default: DatabaseSettings.defaultPoolSize, in: 1...1000))
        if url != nil, path != nil {
            settings.problem("database.url", "database.path and database.url name two stores: give one of them")
        }
        if let url, let problem = DatabaseChoice.urlProblem(url) { settings.problem("database.url", problem) }
    }
}

extension CaptureSettings {
    init(reading settings: inout SettingsReader) {
        func addresses(_ key: String, _ settings: inout SettingsReader) -> [String] {
            settings.list(key).compactMap { raw in
                guard let address = EmailAddress(raw) else {
                    settings.problem(key, "\"\(raw)\" is not an e-mail address")
                    return nil
                }
                return address.value
            }
        }
        let domainsKey = "capture.never_capture.domains"
        let domains = settings.list(domainsKey).filter { domain in
            let bare = domain.drop { $0 == "@" || $0 == "." }
            guard !bare.isEmpty, !bare.contains("@"), !bare.contains(where: \.isWhitespace) else {
                settings.problem(domainsKey, "\"\(domain)\" is not a domain")
                return false
            }
            return true
        }
        self.init(
            captureAddresses: addresses("capture.capture_addresses", &settings),
            neverCaptureAddresses: addresses("capture.never_capture.addresses", &settings),
            neverCaptureDomains: domains.map { $0.lowercased() },
            maxMessageBytes: settings.int("capture.max_message_bytes", default: Self.defaultMaxMessageBytes, in: 1...Int.max))
    }
}

extension AdminHTTPSettings {
    init(reading settings: inout SettingsReader) {
        self.init()
        host = settings.text("admin.host") ?? host
        port = settings.int("admin.port", default: port, in: 1...65535)
        passwordFile = settings.path("admin.password_file")
        tlsCertFile = settings.path("admin.tls_cert_file")
        tlsKeyFile = settings.path("admin.tls_key_file")
        if let url = settings.text("admin.public_url") {
            let lower = url.lowercased()
            if (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !lower.contains("@") && !url.contains(where: \.isWhitespace) {
                publicURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                settings.problem("admin.public_url", "\"\(url)\" is not an http:// or https:// address")
            }
        }
        if tlsCertFile != nil && tlsKeyFile == nil {
            settings.problem("admin.tls_key_file", "is required when admin.tls_cert_file is set")
        }
        if tlsKeyFile != nil && tlsCertFile == nil {
            settings.problem("admin.tls_cert_file", "is required when admin.tls_key_file is set")
        }
    }
}
