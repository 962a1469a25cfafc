import AdminHTTP
import CRMCore
import Logging
import Store

/// What the mail pollers of `crmservice run` are built from; `ServiceApplication` hands it to its poller factory.
public struct PollerContext: Sendable {
    /// The whole configuration (the pollers read `mailboxes`, `capture` and `jobs.mail-poll`).
    public var configuration: ServiceConfiguration
    /// The one database of the process.
    public var database: AppDatabase
    /// Where the pollers report what they do (`/healthz`, `/metrics`).
    public var observer: any PollObserver
    /// `--once`: poll every mailbox once and return, instead of polling until graceful shutdown.
    public var once: Bool
    public var logger: Logger
    /// Issue 14: where the pollers' lease keepers record what this instance holds (`/healthz`).
    public var heldLeases = HeldLeases()

    /// The mailboxes to poll: the enabled ones, none when `jobs.mail-poll.enabled` is false. `/healthz` and
    /// `/metrics` list exactly these from the start.
    public var mailboxes: [MailboxSettings] {
        configuration.polledMailboxes
    }

    public init(configuration: ServiceConfiguration, database: AppDatabase, observer: any PollObserver, once: Bool,
                logger: Logger) {
        self.configuration = configuration
        self.database = database
        self.observer = observer
        self.once = once
        self.logger = logger
    }
}

extension PollerContext {
    /// The lease of `mailbox` for this instance (`instance.name`, `instance.lease_seconds`) in the context's database.
    public func lease(of mailbox: MailboxSettings) -> LeaseKeeper {
        LeaseKeeper(key: .mailbox(mailbox.name), holder: InstanceName(configuration.instance.name),
                    ttl: .seconds(configuration.instance.leaseSeconds), store: database, registry: heldLeases)
    }
}
