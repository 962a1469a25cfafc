import CRMCore
import Digest
import Foundation
import Logging
import Store

/// The users' digest (§11) composed from the configuration: `digest send` and the job `digest` both go through it.
/// The secret file is read at every run (a renewed OAuth token is used at the next run), never logged.
public struct DigestSending: Sendable {
    public let settings: DigestSettings
    let file: String
    let publicURL: String
    let policy: CapturePolicy
    let store: any DigestStore
    let logger: Logger

    /// Refuses (exit 2 for the command) a configuration without a `digest` section.
    public init(configuration: ServiceConfiguration, file: String, store: any DigestStore,
                logger: Logger = Logger(label: "crmservice.digest")) throws(ConfigurationError) {
        guard let settings = configuration.digest, let publicURL = configuration.admin.publicURL else {
            throw ConfigurationError(file: file, problems: [.init(
                key: "digest", message: "is required to send digests (smtp_url, from; and admin.public_url)")])
        }
        self.settings = settings
        self.file = file
        self.publicURL = publicURL
        self.policy = configuration.capture.policy
        self.store = store
        self.logger = logger
    }

    /// Over the service's database.
    public init(configuration: ServiceConfiguration, file: String, database: AppDatabase) throws(ConfigurationError) {
        try self.init(configuration: configuration, file: file, store: database)
    }

    /// A run with the secret read now.
    public func makeRun() throws(ConfigurationError) -> DigestRun {
        var credential: SMTPEndpoint.Credential?
        do {
            if let path = settings.passwordFile { credential = .password(try SecretFile.read(path).value) }
            if let path = settings.oauth2TokenFile { credential = .oauth2Bearer(try SecretFile.read(path).value) }
        } catch {
            let key = settings.passwordFile != nil ? "digest.password_file" : "digest.oauth2_token_file"
            throw ConfigurationError(file: file, problems: [.init(key: key, message: error.description)])
        }
        let endpoint: SMTPEndpoint
        do {
            endpoint = try SMTPEndpoint(url: settings.smtpURL, user: settings.user, credential: credential,
                                        caCertificatePath: settings.cacert)
        } catch {
            throw ConfigurationError(file: file, problems: [.init(key: "digest.smtp_url", message: error.description)])
        }
        let zone: TimeZoneRules
        do { zone = try TimeZoneDatabase().rules(for: settings.job.timeZone) } catch {
            throw ConfigurationError(file: file, problems: [.init(key: "digest.time_zone", message: error.description)])
        }
        guard let from = EmailAddress(settings.from) else {
            throw ConfigurationError(file: file, problems: [.init(key: "digest.from", message: "is not an e-mail address")])
        }
        return DigestRun(store: store, endpoint: endpoint, from: from, publicURL: publicURL, zone: zone, policy: policy,
                         logger: logger)
    }

    /// Runs the digest on a thread of its own (SQLite and libcurl block).
    public func send(now: Date = Date(), dryRun: Bool, print: @escaping @Sendable (String) -> Void = { _ in })
        async throws -> DigestReport {
        let run = try makeRun()
        return try await BlockingThread.run(name: "crmservice.digest") {
            try run.run(now: now, dryRun: dryRun, print: print)
        }
    }
}
