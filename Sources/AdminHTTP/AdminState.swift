import CRMCore
import Foundation
import Prometheus
import Synchronization

/// The admin server's view of the service: the health of every mailbox and the Prometheus metrics. The mail pollers
/// report to it as their `PollObserver`; `/healthz` and `/metrics` read it. Safe to call from any task.
///
/// Metrics (every outcome and kind pre-registered at 0 for the mailboxes given at init):
/// - `crmservice_messages_total{mailbox,outcome}` (counter): messages whose outcome was committed.
/// - `crmservice_poll_duration_seconds{mailbox}` (histogram): the duration of successful polls.
/// - `crmservice_poll_errors_total{mailbox,kind}` (counter): failed polls by `PollErrorKind`.
public final class AdminState: PollObserver, Sendable {
    /// The histogram's upper bounds in seconds.
    public static let pollDurationBuckets: [Duration] = [
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60), .seconds(120),
    ]

    /// The metrics in Prometheus's text format come from here.
    public let registry: PrometheusCollectorRegistry
    private let health: Mutex<[String: MailboxHealth]>
    /// Issue 14: the leases this instance holds (mailboxes, calendars), as its lease keepers record them.
    public let heldLeases: HeldLeases
    /// The instances sharing the database (issue 14; `AdminState+Instances`).
    let instancesReport = Mutex<InstancesHealth?>(nil)

    /// `mailboxes`: the enabled mailboxes of the configuration; each shows in `/healthz` and `/metrics` before its
    /// first poll. A mailbox not named here shows once it reports.
    public init(mailboxes: [String], registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
                heldLeases: HeldLeases = HeldLeases()) {
        self.registry = registry
        self.heldLeases = heldLeases
        var initial: [String: MailboxHealth] = [:]
        for mailbox in mailboxes { initial[mailbox] = MailboxHealth() }
        health = Mutex(initial)
        for mailbox in mailboxes { register(mailbox) }
    }

    /// Every mailbox's health, by name.
    public func snapshot() -> [String: MailboxHealth] { health.withLock { $0 } }

    /// The metrics in the Prometheus text exposition format 0.0.4.
    public func metricsText() -> String { registry.emitToString() }

    // MARK: PollObserver

    public func captured(mailbox: String, outcome: PolledOutcome) {
        known(mailbox)
        messages(mailbox, outcome).increment()
    }

    public func pollSucceeded(mailbox: String, at time: Date, duration: Duration) {
        health.withLock { all in
            var entry = all[mailbox] ?? MailboxHealth()
            entry.lastSuccess = time
            entry.consecutiveFailures = 0
            all[mailbox] = entry
        }
        register(mailbox)
        pollDuration(mailbox).record(duration)
    }

    public func pollFailed(mailbox: String, at time: Date, kind: PollErrorKind, message: String) {
        health.withLock { all in
            var entry = all[mailbox] ?? MailboxHealth()
            entry.lastError = time
            entry.lastErrorKind = kind.rawValue
            entry.lastErrorMessage = message
            entry.consecutiveFailures += 1
            all[mailbox] = entry
        }
        register(mailbox)
        pollErrors(mailbox, kind).increment()
    }

    public func afterActionProblem(mailbox: String, at time: Date, reason: String?) {
        health.withLock { all in
            var entry = all[mailbox] ?? MailboxHealth()
            entry.afterActionError = reason
            all[mailbox] = entry
        }
        register(mailbox)
    }

    // MARK: Metrics

    private func known(_ mailbox: String) {
        let added = health.withLock { all in
            guard all[mailbox] == nil else { return false }
            all[mailbox] = MailboxHealth()
            return true
        }
        if added { register(mailbox) }
    }

    /// Creates every series of `mailbox` (the registry returns the existing ones on later calls).
    private func register(_ mailbox: String) {
        for outcome in PolledOutcome.allCases { _ = messages(mailbox, outcome) }
        _ = pollDuration(mailbox)
        for kind in PollErrorKind.allCases { _ = pollErrors(mailbox, kind) }
    }

    private func messages(_ mailbox: String, _ outcome: PolledOutcome) -> Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "crmservice", metricName: "messages", unitName: "total",
                helpText: "Polled messages whose outcome was committed, by mailbox and outcome."),
            labels: [("mailbox", mailbox), ("outcome", outcome.rawValue)])
    }

    private func pollDuration(_ mailbox: String) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "crmservice", metricName: "poll_duration", unitName: "seconds",
                helpText: "Duration of successful polls, by mailbox."),
            labels: [("mailbox", mailbox)], buckets: Self.pollDurationBuckets)
    }

    private func pollErrors(_ mailbox: String, _ kind: PollErrorKind) -> Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "crmservice", metricName: "poll_errors", unitName: "total",
                helpText: "Failed polls, by mailbox and kind of error."),
            labels: [("mailbox", mailbox), ("kind", kind.rawValue)])
    }
}
