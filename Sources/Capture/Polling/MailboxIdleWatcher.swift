import CRMCore
import IMAPClient
import Logging

/// Keeps one IMAP IDLE connection on a mailbox and wakes its poll whenever the server reports a change
/// (INTERFACE.md §11). Fetching stays with the poller; the interval poll goes on as a backstop whatever happens here.
///
/// - Per connection: connect (the secret file read anew by `open`, so an OAuth token refreshed meanwhile is used),
///   CAPABILITY (no IDLE: log once and end, the mailbox is polled at its interval), EXAMINE, then in turn: `STATUS
///   UIDNEXT` (a move since the last look wakes the poll: mail that arrived between the poll's fetch and this IDLE),
///   IDLE for at most `renewAfter` (29 min, under RFC 2177's 30), DONE, NOOP. Each command must be answered within
///   the connection's answer timeout or the connection counts as dead.
/// - A (re)connection wakes the poll once: what arrived while it was down is fetched.
/// - Failures reconnect after the poller's `PollBackoff`; standby closes the connection and looks again every
///   `standbyRecheck`; a stop (`interrupt`) ends every wait at once.
public struct MailboxIdleWatcher: Sendable {
    public let mailbox: String
    let open: @Sendable (IdleInterrupt) throws -> IdleConnection
    let schedulerMode: @Sendable () throws -> SchedulerMode
    let backoff: PollBackoff
    let renewAfter: Duration
    let standbyRecheck: Duration
    let explain: @Sendable (any Error) -> (kind: PollErrorKind, message: String)
    let logger: Logger
    let onEvent: @Sendable (IdleEvent) -> Void

    public init(
        mailbox: String, open: @escaping @Sendable (IdleInterrupt) throws -> IdleConnection,
        schedulerMode: @escaping @Sendable () throws -> SchedulerMode = { .running }, backoff: PollBackoff = PollBackoff(),
        renewAfter: Duration = .seconds(29 * 60), standbyRecheck: Duration = .seconds(60),
        explain: @escaping @Sendable (any Error) -> (kind: PollErrorKind, message: String) = { (.protocolError, "\($0)") },
        logger: Logger, onEvent: @escaping @Sendable (IdleEvent) -> Void = { _ in }
    ) {
        self.mailbox = mailbox
        self.open = open
        self.schedulerMode = schedulerMode
        self.backoff = backoff
        self.renewAfter = renewAfter
        self.standbyRecheck = standbyRecheck
        self.explain = explain
        self.logger = logger
        self.onEvent = onEvent
    }

    /// Watches until `interrupt` is signalled or IDLE turns out unavailable. Blocking: run it on a thread of its own.
    public func watch(wake: @escaping () -> Void, interrupt: IdleInterrupt) {
        var failures = 0
        var lastProblem: String?
        var inStandby = false
        let metadata: Logger.Metadata = ["mail.mailbox": "\(mailbox)"]
        defer { onEvent(.stopped) }
        while !interrupt.isSignalled {
            if (try? schedulerMode()) == .standby {
                if !inStandby { onEvent(.standby) }
                inStandby = true
                interrupt.sleep(standbyRecheck)
                continue
            }
            inStandby = false
            var connection: IdleConnection?
            do {
                let opened = try open(interrupt)
                connection = opened
                try opened.connect()
                guard try opened.capabilities().contains("IDLE") else {
                    opened.close()
                    logger.notice("the server does not advertise IDLE: polling at the interval only", metadata: metadata)
                    onEvent(.unavailable("IDLE not advertised"))
                    return
                }
                try opened.examine()
                if lastProblem != nil { logger.notice("IDLE works again", metadata: metadata) }
                failures = 0
                lastProblem = nil
                try listenUntilStandby(on: opened, wake: wake)
                opened.close()
            } catch is IdleInterrupted {
                break
            } catch {
                connection?.close()
                if interrupt.isSignalled { break }
                if let refusal = error as? IdleRefused {
                    logger.notice("the server refused IDLE: polling at the interval only", metadata: metadata)
                    onEvent(.unavailable(refusal.description))
                    return
                }
                failures += 1
                let (kind, message) = explain(error)
                let wait = backoff.delay(afterFailures: failures, kind: kind, random: Double.random(in: 0..<1))
                var details = metadata
                details["error.kind"] = "\(kind.rawValue)"
                details["error"] = "\(message)"
                details["mail.retry_in"] = "\(wait)"
                if message != lastProblem { logger.warning("IDLE connection lost", metadata: details) }
                lastProblem = message
                onEvent(.lost(kind: kind, message: message, retryIn: wait))
                interrupt.sleep(wait)
            }
        }
    }

    /// STATUS, IDLE, DONE, NOOP in turn on an open connection until standby (an error or a stop is thrown).
    private func listenUntilStandby(on connection: IdleConnection, wake: @escaping () -> Void) throws {
        let onEvent = self.onEvent
        let change = {
            wake()
            onEvent(.woke)
        }
        let standby = { (try? self.schedulerMode()) == .standby }
        var lastUIDNext = try connection.uidNext(onChange: change)
        // Connected (again): what arrived while there was no connection, or before this one, gets polled now.
        wake()
        onEvent(.listening)
        logger.debug("IDLE listening", metadata: ["mail.mailbox": "\(mailbox)"])
        while true {
            if standby() { return }
            let ended = try connection.idle(until: ContinuousClock.now + renewAfter, checkEvery: standbyRecheck,
                                            shouldEnd: standby, onChange: change)
            if ended { return }
            try connection.noop(onChange: change)
            let next = try connection.uidNext(onChange: change)
            if next != lastUIDNext { change() }
            lastUIDNext = next
        }
    }
}
