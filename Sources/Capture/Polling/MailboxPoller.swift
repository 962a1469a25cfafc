import CRMCore
import Foundation
import IMAPClient
import Logging

/// One poll of one IMAP mailbox through a `MailboxSession` (issue #4): STATUS, the new UIDs above the checkpoint,
/// then per message (ascending UID) fetch → capture → commit → after-action.
///
/// - The checkpoint `(mailbox, UIDVALIDITY, last UID)` moves in the transaction that commits the outcomes it covers
///   (INTERFACE.md §4 "Nothing fetched is lost"); the after-action runs only once that transaction is committed, and
///   its failure is logged and counted, never undoes the capture. A crash between a commit and its after-actions
///   leaves that batch's messages without them (not seen, not moved): captured and behind the checkpoint, they are
///   never fetched again. The fetch itself never sets `\Seen` (`MailboxSession.fetch`: `BODY.PEEK[]`), so mail
///   fetched but not committed when the process dies is left as it was found. For a session whose fetch would set
///   it, a commit that fails clears it again (`restoreUnseen`) and `none` clears it after the commit.
/// - No checkpoint and `since` given: the first poll takes `UID SEARCH SINCE` (received on or after that day).
/// - UIDVALIDITY differs from the checkpoint's: the mailbox is scanned again from its first UID (bounded by `since`
///   when given). What was captured before comes back as duplicates; their new source ref `UIDVALIDITY:UID` is
///   recorded beside the old one (the same message, reached again under the new UIDVALIDITY), nothing is captured twice.
/// - Messages are committed in batches of up to `batchSize` messages or `batchBytes` bytes, one transaction each
///   (one transaction per message measured 1.3 to 1.9 times slower: Benchmarks/poll). The checkpoint covers exactly
///   the committed ones; a fault while fetching commits what was fetched before it; a crash loses only uncommitted
///   work, which the next poll fetches again.
/// - `shouldStop` is asked before each message: once it says yes, what is in hand is committed and after-actioned,
///   nothing more is fetched.
/// - §12 (`MailboxPoller+Limits.swift`): sizes are learnt before a batch is fetched; a message over `maxMessageBytes`
///   is fetched only as its header section (`too_large`); a message failing three times for a reason of its own is
///   kept as `unprocessable` and the checkpoint moves past it.
/// - Blocking (session and database calls): run it on a thread of its own (`BlockingThread`).
public struct MailboxPoller: Sendable {
    /// The mailbox name recorded as the source of what it captures and keyed in the checkpoints.
    public var mailbox: String
    public var store: any CaptureStore
    /// The never-capture and capture addresses; the address book itself is read anew at each poll.
    public var policy: CapturePolicy
    public var after: AfterCaptureAction
    /// `YYYY-MM-DD`: bounds the first poll (and a rescan after a UIDVALIDITY change).
    public var since: String?
    /// Messages per transaction (1: each message committed on its own).
    public var batchSize: Int
    /// Bytes of fetched messages after which the batch is committed whatever its count (bounds memory).
    public var batchBytes: Int
    /// `capture.max_message_bytes` (§12): a larger message is fetched only as its header section, `too_large`.
    public var maxMessageBytes: Int

    /// Fetch the messages of a batch in one command (`MailboxSession.fetch(_:uidValidity:limit:)`) rather than one
    /// command a message; false measures the difference (`poll --fetch-one-by-one`, `scripts/bench poll`).
    public var fetchInBatches = true
    /// Issue 14: the mailbox's lease this poll runs under (`MailboxPollService` sets it per poll); every transaction
    /// that moves the checkpoint requires it (`CaptureTransaction.requireLease`), so a poll whose instance lost the
    /// mailbox commits nothing more. nil: no lease is checked (one instance, `crmservice poll`).
    public var fence: LeaseFence?
    /// The resolved folder of `after: move:FOLDER`, kept across polls (`AfterActionFolder`).
    public let afterFolder = AfterActionFolder()

    /// 50 messages a transaction.
    public static let defaultBatchSize = 50
    /// 8 MiB of fetched messages a transaction.
    public static let defaultBatchBytes = 8 << 20
    public var observer: any PollObserver
    public var logger: Logger
    /// Turns an error thrown by the session into a kind and a message without secrets.
    public var explain: @Sendable (any Error) -> (kind: PollErrorKind, message: String)

    public init(
        mailbox: String, store: any CaptureStore, policy: CapturePolicy = CapturePolicy(), after: AfterCaptureAction = .seen,
        since: String? = nil, batchSize: Int = MailboxPoller.defaultBatchSize,
        batchBytes: Int = MailboxPoller.defaultBatchBytes, maxMessageBytes: Int = MessageTooLarge.defaultLimit,
        observer: any PollObserver = IgnoringPollObserver(),
        logger: Logger = Logger(label: "crmservice.poll"),
        explain: @escaping @Sendable (any Error) -> (kind: PollErrorKind, message: String) = MailboxPoller.defaultExplain
    ) {
        self.mailbox = mailbox
        self.store = store
        self.policy = policy
        self.after = after
        self.since = since
        self.batchSize = max(1, batchSize)
        self.batchBytes = max(1, batchBytes)
        self.maxMessageBytes = max(1, maxMessageBytes)
        self.observer = observer
        self.logger = logger
        self.explain = explain
    }

    /// A `PollFailure` or an `IMAPError` keeps its kind; anything else is a protocol error described by itself.
    public static let defaultExplain: @Sendable (any Error) -> (kind: PollErrorKind, message: String) = { error in
        if let failure = error as? PollFailure { return (failure.kind, failure.message) }
        if let failure = error as? IMAPError { return (failure.kind, failure.message) }
        return (.protocolError, "\(error)")
    }

    /// Polls the mailbox once; throws `PollFailure` (with what was committed before) when a step fails.
    public func poll(_ session: any MailboxSession, shouldStop: () -> Bool = { false }) throws(PollFailure) -> PollSummary {
        var summary = PollSummary()
        do {
            try run(session, shouldStop: shouldStop, summary: &summary)
        } catch var failure as PollFailure {
            failure.summary = summary
            throw failure
        } catch {
            let (kind, message) = explain(error)
            throw PollFailure(kind: kind, message: message, summary: summary)
        }
        return summary
    }

    /// A message fetched and waiting for its transaction.
    struct Fetched {
        var uid: MessageUID
        var raw: RawMessage
        /// Whether it carried `\Seen` before the fetch.
        var wasSeen: Bool = false
        /// §12: it failed to be captured this often for a reason of its own; it is kept as `unprocessable`.
        var unprocessable: (attempts: Int, error: String)?
    }

    private func run(_ session: any MailboxSession, shouldStop: () -> Bool, summary: inout PollSummary) throws {
        var action = after
        if case .move(let folder) = after {
            action = try call("resolving the after-action's folder \(folder)") {
                try afterFolder.action(for: folder, session: session, context: folderContext)
            }
        }
        let status = try call("STATUS") { try session.status() }
        let validity = status.uidValidity
        summary.uidValidity = validity.rawValue
        let checkpoint = try database { try store.inCaptureTransaction { try $0.checkpoint(of: mailbox) } }
        let pipeline = CapturePipeline(book: try database { try store.addressBook(policy: policy) })

        // The searches cover the UIDs up to UIDNEXT - 1 as STATUS gave it: complete or an error (a cut or partial
        // answer is never a gap, §12), so every UID up to there that they did not return is gone (or, with `since`,
        // older than that day) and the checkpoint may move up to it once what they returned is committed.
        let through = status.uidNext.previous
        var last: UInt32 = 0
        var uids: [MessageUID]
        if let checkpoint, checkpoint.uidValidity == validity.rawValue {
            last = checkpoint.lastUID
            uids = try call("UID SEARCH") { try session.uids(after: MessageUID(checkpoint.lastUID), through: through) }
        } else {
            if let checkpoint {
                summary.rescanned = true
                logger.notice("UIDVALIDITY changed: rescanning the mailbox", metadata: [
                    "mail.mailbox": "\(mailbox)", "mail.uidvalidity.old": "\(checkpoint.uidValidity)",
                    "mail.uidvalidity": "\(validity)"])
            }
            if let since {
                uids = try call("UID SEARCH SINCE") { try session.uids(since: since, through: through) }
            } else {
                uids = try call("UID SEARCH") { try session.uids(after: MessageUID(0), through: through) }
            }
        }
        let floor = last
        uids = Array(Set(uids.filter { $0.rawValue > floor && $0 <= through })).sorted()
        summary.found = uids.count
        summary.lastUID = checkpoint?.uidValidity == validity.rawValue ? last : nil

        var index = 0
        var committed = false
        while index < uids.count {
            if shouldStop() {
                summary.stopped = true
                logger.info("stopping: the rest waits for the next poll", metadata: [
                    "mail.mailbox": "\(mailbox)", "mail.left": "\(uids.count - index)"])
                return
            }
            var batch: [Fetched] = []
            var bytesInBatch = 0
            var pending: (any Error)?
            let candidates = Array(uids[index..<min(index + batchSize, uids.count)])
            // Which of them were seen before the fetch (one command for the batch): `none` clears `\Seen` again after
            // the commit, and every mode clears it when the commit fails (`restoreUnseen`). With a fetch that never
            // sets it (CurlMailboxSession: BODY.PEEK[]) both find nothing to clear; kept for sessions whose fetch does.
            let seenBefore = try call("checking \\Seen of UIDs \(imapSequenceSet(candidates))") {
                try session.seen(among: candidates)
            }
            // §12: the sizes first, so that a message over the limit is never fetched whole.
            let sizes = try sizes(of: candidates, session: session)
            var prefetched = prefetch(candidates, sizes: sizes, validity: validity, session: session)
            for uid in candidates {
                if !batch.isEmpty, bytesInBatch >= batchBytes || shouldStop() { break }
                do {
                    var fetched: Fetched
                    if let bytes = prefetched.removeValue(forKey: uid) {
                        let source = MessageSource(mailbox: mailbox, ref: "\(validity):\(uid)")
                        fetched = Fetched(uid: uid, raw: RawMessage(bytes: bytes, source: source))
                    } else {
                        fetched = try fetchForCapture(uid, validity: validity, size: sizes[uid], session: session)
                    }
                    fetched.wasSeen = seenBefore.contains(uid)
                    batch.append(fetched)
                    bytesInBatch += fetched.raw.bytes.count
                } catch {
                    pending = error // what was fetched before is committed first
                    break
                }
            }
            index += batch.count
            if !batch.isEmpty {
                let done: [Fetched], failure: PollFailure?
                do {
                    (done, failure) = try commitCounting(batch, validity: validity, pipeline: pipeline, summary: &summary)
                } catch {
                    restoreUnseen(batch, session: session)
                    throw error
                }
                if !done.isEmpty {
                    afterActions(done, action: &action, session: session, summary: &summary)
                    last = done[done.count - 1].uid.rawValue
                    committed = true
                }
                if let failure {
                    restoreUnseen(Array(batch[done.count...]), session: session)
                    throw failure
                }
            }
            if let pending { throw pending }
        }

        // Everything up to `through` that the search did not return is gone or (with `since`) older than that day:
        // the checkpoint moves up to it, so that a changed UIDVALIDITY or a first poll that found nothing is settled,
        // and the next poll searches only above it.
        let settled = max(last, through.rawValue)
        let stored = committed ? MailboxCheckpoint(mailbox: mailbox, uidValidity: validity.rawValue, lastUID: last) : checkpoint
        let moved = MailboxCheckpoint(mailbox: mailbox, uidValidity: validity.rawValue, lastUID: settled)
        if stored != moved {
            try database {
                try store.inCaptureTransaction { tx in
                    if let fence { try tx.requireLease(fence) }
                    try tx.advanceCheckpoint(moved)
                }
            }
        }
        last = settled
        summary.lastUID = last
    }

    /// Captures `batch` and moves the checkpoint to its last UID in one transaction; throws what the store threw.
    func commit(_ batch: [Fetched], validity: UIDValidity, pipeline: CapturePipeline,
                summary: inout PollSummary) throws {
        let prepared = batch.map { pipeline.prepare($0.raw) }
        let checkpoint = MailboxCheckpoint(mailbox: mailbox, uidValidity: validity.rawValue,
                                           lastUID: batch[batch.count - 1].uid.rawValue)
        let now = Date()
        let results = try store.inCaptureTransaction { tx in
            let results = try zip(batch, prepared).map { fetched, prepared in
                if let (attempts, error) = fetched.unprocessable {
                    return try pipeline.captureUnprocessable(fetched.raw, attempts: attempts, error: error, in: tx, at: now)
                }
                return try pipeline.capture(prepared, in: tx, at: now)
            }
            if let fence { try tx.requireLease(fence) }
            try tx.advanceCheckpoint(checkpoint)
            try tx.forgetCaptureAttempts(coveredBy: checkpoint)
            return results
        }
        for (fetched, result) in zip(batch, results) {
            summary.outcomes.count(result)
            observer.captured(mailbox: mailbox, outcome: result.polledOutcome)
            // One line a message at info: the administrator sees each outcome as it is committed (no address or
            // subject: the UID and the reason are enough to find it with `export` or `unmatched list`).
            logger.info("captured", metadata: ["mail.mailbox": "\(mailbox)", "mail.uid": "\(fetched.uid)",
                                               "mail.outcome": "\(result.logName)"])
        }
        summary.lastUID = checkpoint.lastUID
    }

    /// A batch whose commit failed (a full disk): a fetch that set `\Seen` would leave its messages done with
    /// `after: seen` (INTERFACE.md §4: marked done only once committed) and unread mail shown as read otherwise. They
    /// are left as they were found; the next poll fetches them again. CurlMailboxSession's fetch (`BODY.PEEK[]`) never
    /// sets it, so this clears nothing there. A failure here is logged; the poll fails anyway.
    private func restoreUnseen(_ batch: [Fetched], session: any MailboxSession) {
        let unseen = batch.filter { !$0.wasSeen }.map(\.uid)
        do { try session.setSeen(false, unseen) } catch {
            let (kind, message) = explain(error)
            logger.warning("could not clear \\Seen of messages whose commit failed", metadata: [
                "mail.mailbox": "\(mailbox)", "mail.uids": "\(imapSequenceSet(unseen))", "error.kind": "\(kind.rawValue)",
                "error": "\(message)"])
        }
    }

    /// A session call; its error is explained and prefixed with `step`.
    func call<T>(_ step: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            let (kind, message) = explain(error)
            throw PollFailure(kind: kind, message: "\(step): \(message)")
        }
    }

    /// A database call; its error is a `store` failure.
    func database<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let failure as PollFailure { throw failure } catch let lost as LeaseLost {
            throw PollFailure(leaseLost: lost)
        } catch {
            throw PollFailure(kind: .store, message: "database: \(error)")
        }
    }
}

extension CaptureResult {
    /// The outcome as the admin server counts it.
    public var polledOutcome: PolledOutcome {
        switch self {
        case .activity: .activity
        case .unmatched: .unmatched
        case .ignored: .ignored
        case .duplicate: .duplicate
        }
    }
}
