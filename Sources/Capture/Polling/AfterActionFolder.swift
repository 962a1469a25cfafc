import CRMCore
import Foundation
import IMAPClient
import Logging
import Synchronization

/// The folder of `after: move:FOLDER` as the server names it, worked out once for a poller (and for `poll`) rather
/// than found wrong at every message (issue #15):
///
/// - The configured name is resolved against the server's personal namespace (NAMESPACE, RFC 2342, or the separator
///   of LIST) by the rule of `FolderHierarchy.wireName(for:)`: `Archive` on a server whose namespace is `INBOX.` with
///   `.` is `INBOX.Archive`, `/` in the configuration is the server's separator, names outside ASCII go in modified
///   UTF-7.
/// - A folder LIST does not show is created (CREATE), once, logged at notice.
/// - A CREATE the server refuses makes the after-action unusable: one error in the log and one report to the
///   observer (the mailbox is unhealthy in `/healthz`, with the server's reply), and messages are marked `\Seen`
///   instead — never a warning a message. It is tried again after `retryInterval` (someone may have created the
///   folder or granted the right), silently unless it then works; a restart tries at once.
/// - `[TRYCREATE]` in answer to a move (the folder went away since) resolves it again the same way.
///
/// Shared by every copy of its `MailboxPoller` (a poll service polls with the same one every time); thread-safe.
public final class AfterActionFolder: Sendable {
    /// How long the fallback to `seen` lasts before the folder is tried again.
    public static let retryInterval: TimeInterval = 15 * 60

    enum State: Sendable, Equatable {
        case unresolved
        case usable(wire: String)
        case unusable(reason: String, since: Date)
    }

    /// The configured folder the state is about (a poller whose `after` changed starts over).
    private let state = Mutex<(configured: String, state: State)>(("", .unresolved))

    public init() {}

    /// What the after-action of this poll is: `move` to the folder's name on the wire, or `seen` while that folder
    /// cannot be created. Throws what the server's unavailability throws (the poll fails and is retried).
    func action(for configured: String, session: any MailboxSession, context: Context) throws -> AfterCaptureAction {
        let current = state.withLock { held -> State in
            if held.configured != configured { held = (configured, .unresolved) }
            return held.state
        }
        switch current {
        case .usable(let wire):
            return .move(folder: wire)
        case .unusable(_, let since) where context.now.timeIntervalSince(since) < Self.retryInterval:
            return .seen
        case .unusable, .unresolved:
            return try resolve(configured, session: session, context: context, creating: false)
        }
    }

    /// The server answered a move with `[TRYCREATE]`: the folder is resolved again (and created).
    func folderMissing(_ configured: String, session: any MailboxSession, context: Context) throws -> AfterCaptureAction {
        try resolve(configured, session: session, context: context, creating: true)
    }

    /// The logger, observer and clock of the poller asking.
    struct Context {
        var mailbox: String
        var logger: Logger
        var observer: any PollObserver
        var now: Date
    }

    private func resolve(_ configured: String, session: any MailboxSession, context: Context, creating: Bool) throws
        -> AfterCaptureAction {
        let wire = try session.folderHierarchy().wireName(for: configured)
        let metadata: Logger.Metadata = ["mail.mailbox": "\(context.mailbox)", "mail.after": "move:\(configured)",
                                         "imap.folder": "\(wire)"]
        let exists = creating ? false : try session.folderExists(wire)
        if !exists {
            do {
                try session.createFolder(wire)
                context.logger.notice("created the after-action's folder", metadata: metadata)
            } catch let refused as IMAPError where refused.serverReply != nil {
                let reason = "move:\(configured): CREATE \"\(wire)\" failed: \(refused.serverReply ?? ""); messages "
                    + "are marked \\Seen instead until the folder can be created"
                return unusable(configured, reason: reason, context: context, metadata: metadata)
            }
        }
        let previous = state.withLock { held in
            defer { held = (configured, .usable(wire: wire)) }
            return held.state
        }
        if case .unusable = previous {
            context.logger.notice("the after-action's folder works again", metadata: metadata)
            context.observer.afterActionProblem(mailbox: context.mailbox, at: context.now, reason: nil)
        }
        return .move(folder: wire)
    }

    /// Falls back to `seen`; logs and reports only a reason not reported before.
    private func unusable(_ configured: String, reason: String, context: Context, metadata: Logger.Metadata)
        -> AfterCaptureAction {
        let new = state.withLock { held in
            var isNew = true
            if case .unusable(let old, _) = held.state, old == reason { isNew = false }
            held = (configured, .unusable(reason: reason, since: context.now))
            return isNew
        }
        if new {
            var metadata = metadata
            metadata["error"] = "\(reason)"
            context.logger.error("the after-action's folder cannot be created: marking messages seen instead",
                                 metadata: metadata)
            context.observer.afterActionProblem(mailbox: context.mailbox, at: context.now, reason: reason)
        }
        return .seen
    }
}
