import Capture
import CRMCore
import Foundation
import IMAPClient
import Logging
import ServiceLifecycle
import Store
import Synchronization

/// The composition of a mailbox poller (`crmservice poll`, later `run`): the store, the settings of one mailbox and
/// the IMAP session, put together as a `MailboxPollService`.
public enum MailboxPolling {
    /// Opens a session on the mailbox of `settings` with `secret` (a password, or a bearer token when
    /// `settings.oauth2TokenFile` is set), logging to `logger` (the poller's, with its level and mailbox metadata).
    public typealias SessionOpener = @Sendable (_ settings: MailboxSettings, _ secret: Secret, _ logger: Logger) throws
        -> any MailboxSession

    /// Opens a `CurlMailboxSession` on the mailbox of `settings`: the secret is a password, or a bearer token for
    /// XOAUTH2 when the settings name an `oauth2_token_file`.
    public static let imapSession: SessionOpener = { settings, secret, logger in
        let credential: IMAPEndpoint.Credential = settings.oauth2TokenFile != nil
            ? .oauth2Bearer(secret.value) : .password(secret.value)
        let endpoint = try IMAPEndpoint(url: settings.url, user: settings.user, credential: credential,
                                        caCertificatePath: settings.cacert)
        return CurlMailboxSession(endpoint: endpoint, logger: logger)
    }

    /// Opens (without connecting) the IDLE connection of the mailbox of `settings` with `secret`, stopped by `interrupt`.
    public typealias IdleOpener = @Sendable (_ settings: MailboxSettings, _ secret: Secret, _ interrupt: IdleInterrupt,
                                             _ logger: Logger) throws -> IdleConnection

    /// An `IdleConnection` with the same endpoint, credential and TLS as `imapSession`'s.
    public static let imapIdle: IdleOpener = { settings, secret, interrupt, logger in
        let credential: IMAPEndpoint.Credential = settings.oauth2TokenFile != nil
            ? .oauth2Bearer(secret.value) : .password(secret.value)
        let endpoint = try IMAPEndpoint(url: settings.url, user: settings.user, credential: credential,
                                        caCertificatePath: settings.cacert)
        return IdleConnection(endpoint: endpoint, interrupt: interrupt, logger: logger)
    }

    /// The mail pollers of `crmservice run` (a `ServiceApplication.PollerFactory`): one poll service per mailbox of
    /// `context.mailboxes`, each on its own interval, never throwing, so one failing mailbox never stops another. With
    /// `context.once` each polls once and returns. Reports go to `context.observer` (the admin server, the run log).
    public static func pollers(_ context: PollerContext) -> [any Service] {
        pollers(context, open: imapSession)
    }

    /// `pollers(_:)` with another way to open sessions (tests).
    public static func pollers(_ context: PollerContext, open: @escaping SessionOpener) -> [any Service] {
        context.mailboxes.map { settings in
            var logger = context.logger
            logger[metadataKey: "mail.mailbox"] = "\(settings.name)"
            return service(settings, database: context.database, policy: context.configuration.capture.policy,
                           maxMessageBytes: context.configuration.capture.maxMessageBytes,
                           observer: context.observer, logger: logger, open: open, once: context.once,
                           lease: context.lease(of: settings))
        }
    }

    /// The poll service of one mailbox. The secret file is read anew before every poll; errors are explained without
    /// the secret (`PollErrorExplainer`).
    public static func service(
        _ settings: MailboxSettings, database: AppDatabase, policy: CapturePolicy = CapturePolicy(),
        maxMessageBytes: Int = CaptureSettings.defaultMaxMessageBytes,
        observer: any PollObserver = IgnoringPollObserver(), logger: Logger,
        batchSize: Int? = nil, fetchInBatches: Bool = true,
        open: @escaping SessionOpener = MailboxPolling.imapSession,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onEvent: @escaping @Sendable (PollEvent) -> Void = { _ in }, once: Bool = false,
        openIdle: @escaping IdleOpener = MailboxPolling.imapIdle,
        onIdleEvent: @escaping @Sendable (IdleEvent) -> Void = { _ in },
        lease: LeaseKeeper? = nil
    ) -> MailboxPollService {
        let explainer = PollErrorExplainer()
        var poller = MailboxPoller(
            mailbox: settings.name, store: database, policy: policy, after: settings.after.action, since: settings.since,
            batchSize: batchSize ?? MailboxPoller.defaultBatchSize, maxMessageBytes: maxMessageBytes, observer: observer,
            logger: logger, explain: { explainer.explain($0) })
        poller.fetchInBatches = fetchInBatches
        let secretPath = settings.passwordFile ?? settings.oauth2TokenFile ?? ""
        // §11: one IDLE connection per mailbox unless `idle: false`; none for a single poll.
        let idle = !settings.idle || once ? nil : MailboxIdleWatcher(
            mailbox: settings.name,
            open: { interrupt in
                let secret = try SecretFile.read(secretPath)
                explainer.remember(secret)
                return try openIdle(settings, secret, interrupt, logger)
            },
            schedulerMode: { try database.schedulerMode() },
            explain: { explainer.explain($0) }, logger: logger, onEvent: onIdleEvent)
        return MailboxPollService(
            poller: poller, interval: .seconds(settings.intervalSeconds),
            openSession: {
                let secret = try SecretFile.read(secretPath)
                explainer.remember(secret)
                return try open(settings, secret, logger)
            },
            schedulerMode: { try database.schedulerMode() },
            sleep: sleep,
            onEvent: onEvent, once: once, idle: idle, lease: lease)
    }
}

/// Turns what a poll throws into a `PollErrorKind` and a message, and blanks out the secret last read wherever a
/// message would show it.
final class PollErrorExplainer: Sendable {
    private let secrets = Mutex<[String]>([])

    func remember(_ secret: Secret) {
        secrets.withLock { known in
            if !known.contains(secret.value) { known.append(secret.value) }
            if known.count > 4 { known.removeFirst() }
        }
    }

    func explain(_ error: any Error) -> (kind: PollErrorKind, message: String) {
        let (kind, message) = Self.classify(error)
        return (kind, redact(message))
    }

    func redact(_ text: String) -> String {
        secrets.withLock { known in
            known.reduce(text) { text, secret in
                secret.count < 3 ? text : text.replacingOccurrences(of: secret, with: "<secret>")
            }
        }
    }

    static func classify(_ error: any Error) -> (kind: PollErrorKind, message: String) {
        switch error {
        case let failure as PollFailure: (failure.kind, failure.message)
        case let secret as SecretFileError: (.credentials, secret.description)
        default: IMAPErrorKinds.classify(error) ?? (.protocolError, "\(error)")
        }
    }
}
