import CRMCore
import Foundation
import IMAPClient

/// INTERFACE.md §12 in the poller: no message is held whole past `maxMessageBytes`, and a message that fails for a
/// reason of its own cannot hold its mailbox back for ever.
///
/// - Before a batch is fetched, the sizes of its messages are asked (`RFC822.SIZE`); one over the limit is fetched
///   only as its header section and becomes unmatched `too_large`. A fetch is bounded by the limit as well, in case
///   the server said nothing or less than it sends.
/// - A failure is the message's own when it is a protocol failure (the server answered NO or BAD, or dropped the
///   connection on that message, as Dovecot does on a file it cannot read) after which the server still answers
///   STATUS. Connection, timeout, TLS and login failures, and a server that no longer answers, are its
///   unavailability and never count; so are the database's (`CaptureStore.isUnavailability`).
/// - Each failure of a message's own is counted in the store (`capture_attempts`, kept across restarts) and fails
///   the poll at that message, after committing what came before it: the next poll tries it again. At the third, the
///   message is captured as unmatched `unprocessable` with the error and with what can be read of it (the message,
///   else its header, else nothing), the checkpoint moves past it, and the poll goes on.
extension MailboxPoller {
    /// Failures of a message's own after which it is `unprocessable` (§12).
    public static let attemptsBeforeUnprocessable = 3

    /// The sizes of `uids`. When the server fails the answer for the batch because of one message, they are asked one
    /// by one; a message whose size cannot be learnt has none (its fetch, bounded by the limit, then decides). After
    /// three failures in a row the rest are not asked (a server that refuses RFC822.SIZE is not asked 50 times).
    func sizes(of uids: [MessageUID], session: any MailboxSession) throws -> [MessageUID: Int] {
        do { return try session.sizes(of: uids) } catch {
            guard isOwnFailure(error, session: session) else {
                throw failure("asking the sizes of UIDs \(imapSequenceSet(uids))", error)
            }
        }
        var result: [MessageUID: Int] = [:]
        var failuresInARow = 0
        for uid in uids where uids.count > 1 && failuresInARow < 3 {
            do {
                if let size = try session.sizes(of: [uid])[uid] { result[uid] = size }
                failuresInARow = 0
            } catch {
                guard isOwnFailure(error, session: session) else { throw failure("asking the size of UID \(uid)", error) }
                failuresInARow += 1
            }
        }
        return result
    }

    /// One message as capture takes it: whole, or its header section when over the limit; `unprocessable` at the
    /// third failure of its own. Throws a `PollFailure` otherwise.
    func fetchForCapture(_ uid: MessageUID, validity: UIDValidity, size: Int?, session: any MailboxSession) throws
        -> Fetched {
        let source = MessageSource(mailbox: mailbox, ref: "\(validity):\(uid)")
        let step = "fetching UID \(uid)"
        do {
            if let size, size > maxMessageBytes {
                let header = try session.fetchHeader(uid, uidValidity: validity)
                return Fetched(uid: uid, raw: RawMessage(
                    bytes: header, source: source, tooLarge: MessageTooLarge(size: size, limit: maxMessageBytes)))
            }
            do {
                let bytes = try session.fetch(uid, uidValidity: validity, limit: maxMessageBytes)
                return Fetched(uid: uid, raw: RawMessage(bytes: bytes, source: source))
            } catch let over as MessageOverLimit {
                // The server sent more than it said (or said nothing): the transfer was abandoned at the limit.
                let header = try session.fetchHeader(uid, uidValidity: validity)
                let tooLarge = MessageTooLarge(size: max(size ?? 0, over.received), limit: maxMessageBytes)
                return Fetched(uid: uid, raw: RawMessage(bytes: header, source: source, tooLarge: tooLarge))
            }
        } catch {
            guard isOwnFailure(error, session: session) else { throw failure(step, error) }
            let (kind, message) = explain(error)
            let attempts = try recordAttempt(uid, validity: validity, error: "\(step): \(message)")
            guard attempts >= Self.attemptsBeforeUnprocessable else {
                throw PollFailure(kind: kind, message: "\(step) (failure \(attempts) of "
                                  + "\(Self.attemptsBeforeUnprocessable) before it is unprocessable): \(message)")
            }
            logger.warning("a message failed for a reason of its own: kept as unprocessable", metadata: [
                "mail.mailbox": "\(mailbox)", "mail.uid": "\(uid)", "mail.attempts": "\(attempts)"])
            let header = (try? session.fetchHeader(uid, uidValidity: validity)) ?? []
            var fetched = Fetched(uid: uid, raw: RawMessage(bytes: header, source: source))
            fetched.unprocessable = (attempts, "\(step): \(message)")
            return fetched
        }
    }

    /// Commits `batch` in one transaction. When that fails for a reason of one of its messages, they are committed
    /// one at a time: the others are kept, the one at fault is counted (`unprocessable` at its third failure, else the
    /// poll stops there). Returns the messages committed, in order, and the failure that stopped it.
    func commitCounting(_ batch: [Fetched], validity: UIDValidity, pipeline: CapturePipeline,
                        summary: inout PollSummary) throws -> (committed: [Fetched], failure: PollFailure?) {
        do {
            try commit(batch, validity: validity, pipeline: pipeline, summary: &summary)
            return (batch, nil)
        } catch where isOwnCaptureFailure(error) {
            // Which message is at fault is found by committing them one by one.
        } catch {
            throw storeFailure(error)
        }
        var committed: [Fetched] = []
        for fetched in batch {
            do {
                try commit([fetched], validity: validity, pipeline: pipeline, summary: &summary)
            } catch where isOwnCaptureFailure(error) && fetched.unprocessable == nil {
                let reason = "capturing UID \(fetched.uid): \(error)"
                let attempts = try recordAttempt(fetched.uid, validity: validity, error: reason)
                guard attempts >= Self.attemptsBeforeUnprocessable else {
                    return (committed, PollFailure(kind: .store, message: "\(reason) (failure \(attempts) of "
                                                   + "\(Self.attemptsBeforeUnprocessable) before it is unprocessable)"))
                }
                var failed = fetched
                failed.unprocessable = (attempts, reason)
                do { try commit([failed], validity: validity, pipeline: pipeline, summary: &summary) } catch {
                    return (committed, storeFailure(error))
                }
            } catch {
                return (committed, storeFailure(error))
            }
            committed.append(fetched)
        }
        return (committed, nil)
    }

    /// Whether `error` is about the message in hand: a protocol failure after which the server still answers STATUS
    /// (on a new connection when the failure dropped the old one).
    func isOwnFailure(_ error: any Error, session: any MailboxSession) -> Bool {
        // An IMAPError's own kind first: what `explain` makes of it depends on the caller's explainer.
        let kind = (error as? IMAPError)?.kind ?? explain(error).kind
        guard !(error is PollFailure), kind == .protocolError else { return false }
        do {
            _ = try session.status()
            return true
        } catch {
            return false
        }
    }

    /// Whether a capture transaction failed because of the message rather than the database.
    func isOwnCaptureFailure(_ error: any Error) -> Bool {
        !(error is PollFailure) && !(error is LeaseLost) && !store.isUnavailability(error)
    }

    /// Counts one more failure of the message's own; returns how many there were.
    func recordAttempt(_ uid: MessageUID, validity: UIDValidity, error: String) throws -> Int {
        let attempt = CaptureAttempt(mailbox: mailbox, uidValidity: validity.rawValue, uid: uid.rawValue)
        return try database {
            try store.inCaptureTransaction { try $0.recordCaptureAttempt(attempt, error: error, at: Date()) }
        }
    }

    func failure(_ step: String, _ error: any Error) -> PollFailure {
        if let failure = error as? PollFailure { return failure }
        let (kind, message) = explain(error)
        return PollFailure(kind: kind, message: "\(step): \(message)")
    }

    func storeFailure(_ error: any Error) -> PollFailure {
        if let lost = error as? LeaseLost { return PollFailure(leaseLost: lost) }
        return error as? PollFailure ?? PollFailure(kind: .store, message: "database: \(error)")
    }
}
