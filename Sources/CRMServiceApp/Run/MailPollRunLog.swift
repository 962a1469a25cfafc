import CRMCore
import Foundation
import Logging
import Synchronization

/// Records the `mail-poll` job in the run log (§7) from what the pollers report, and passes every report on.
///
/// A poll that captured something or failed is one run of `mail-poll` (its messages name the mailbox and the counts
/// or the reason); a poll that found nothing new is not recorded, or a quiet mailbox polled every minute would fill
/// the run log with empty runs (the admin server's `/healthz` shows its last success instead).
///
/// The records are written on a serial queue of their own, in the order reported: the pollers report from the
/// cooperative pool, and a write there could wait seconds for SQLite's lock while a long transaction commits.
/// `flush()` waits for them.
public final class MailPollRunLog: PollObserver {
    public static let job = "mail-poll"

    private let next: any PollObserver
    private let log: any JobRunLog
    private let logger: Logger
    private let counts = Mutex<[String: [PolledOutcome: Int]]>([:])
    private let queue = DispatchQueue(label: "crmservice.mail-poll-run-log")

    public init(passingTo next: any PollObserver, log: any JobRunLog, logger: Logger) {
        self.next = next
        self.log = log
        self.logger = logger
    }

    public func captured(mailbox: String, outcome: PolledOutcome) {
        counts.withLock { $0[mailbox, default: [:]][outcome, default: 0] += 1 }
        next.captured(mailbox: mailbox, outcome: outcome)
    }

    public func pollSucceeded(mailbox: String, at time: Date, duration: Duration) {
        let seen = takeCounts(of: mailbox)
        let total = seen.values.reduce(0, +)
        if total > 0 {
            record(mailbox: mailbox, at: time, duration: duration, state: .completed, counts: seen,
                   messages: ["\(mailbox): " + Self.summary(seen)])
        }
        next.pollSucceeded(mailbox: mailbox, at: time, duration: duration)
    }

    public func pollFailed(mailbox: String, at time: Date, kind: PollErrorKind, message: String) {
        let seen = takeCounts(of: mailbox)
        var messages = ["\(mailbox): \(kind.rawValue): \(message)"]
        if !seen.isEmpty { messages.append("\(mailbox): committed before the failure: " + Self.summary(seen)) }
        record(mailbox: mailbox, at: time, duration: nil, state: .failed, counts: seen, messages: messages)
        next.pollFailed(mailbox: mailbox, at: time, kind: kind, message: message)
    }

    public func afterActionProblem(mailbox: String, at time: Date, reason: String?) {
        next.afterActionProblem(mailbox: mailbox, at: time, reason: reason)
    }

    /// `3 activities, 1 unmatched, 0 ignored, 2 duplicates`.
    static func summary(_ counts: [PolledOutcome: Int]) -> String {
        "\(counts[.activity] ?? 0) activities, \(counts[.unmatched] ?? 0) unmatched, \(counts[.ignored] ?? 0) ignored, "
            + "\(counts[.duplicate] ?? 0) duplicates"
    }

    /// Returns once every run reported so far is recorded (or its failure logged).
    public func flush() {
        queue.sync {}
    }

    private func takeCounts(of mailbox: String) -> [PolledOutcome: Int] {
        counts.withLock { $0.removeValue(forKey: mailbox) ?? [:] }
    }

    /// examined: messages whose outcome was committed; changed: those that became an activity or a review entry.
    private func record(mailbox: String, at end: Date, duration: Duration?, state: JobRunState,
                        counts: [PolledOutcome: Int], messages: [String]) {
        let start = end.addingTimeInterval(-(duration?.timeInterval ?? 0))
        let log = self.log, logger = self.logger
        queue.async {
            do {
                let run = try log.startRun(job: Self.job, at: start)
                try log.finishRun(run, state: state, at: end, examined: counts.values.reduce(0, +),
                                  changed: (counts[.activity] ?? 0) + (counts[.unmatched] ?? 0), messages: messages)
            } catch {
                // The run log is a record, not the capture: a failure to write it never stops polling.
                logger.warning("could not record a mail-poll run", metadata: ["mail.mailbox": "\(mailbox)", "error": "\(error)"])
            }
        }
    }
}
