import CRMCore
import Foundation
import IMAPClient

/// The after-actions of committed messages, and the batch fetch that feeds them.
extension MailboxPoller {
    /// How `afterFolder` reaches this poller's logger, observer and clock.
    var folderContext: AfterActionFolder.Context {
        AfterActionFolder.Context(mailbox: mailbox, logger: logger, observer: observer, now: Date())
    }

    /// The after-actions of a committed batch: one command for the batch (a round trip a message would halve the
    /// poll's speed); when it fails, message by message, so that one bad message does not leave the others undone.
    /// A move answered `[TRYCREATE]` has its folder resolved again (created, or `seen` from then on when it cannot
    /// be): `action` is what the rest of the poll uses.
    func afterActions(_ batch: [Fetched], action: inout AfterCaptureAction, session: any MailboxSession,
                      summary: inout PollSummary) {
        do {
            try perform(action, on: batch, session: session)
            return
        } catch let error as IMAPError where error.asksToCreate {
            if case .move = action, case .move(let configured) = after {
                do {
                    action = try afterFolder.folderMissing(configured, session: session, context: folderContext)
                    try perform(action, on: batch, session: session)
                    return
                } catch {
                    // As any other failure: message by message below.
                }
            }
        } catch {}
        for fetched in batch { afterAction(fetched, action: action, session: session, summary: &summary) }
    }

    private func perform(_ action: AfterCaptureAction, on batch: [Fetched], session: any MailboxSession) throws {
        switch action {
        case .seen: try session.setSeen(true, batch.map(\.uid))
        case .none: try session.setSeen(false, batch.filter { $0.wasSeen == false }.map(\.uid))
        case .move(let folder): try session.move(batch.map(\.uid), to: folder)
        }
    }

    /// The after-action of one committed message; a failure is logged and counted in the summary, the capture stays.
    private func afterAction(_ fetched: Fetched, action: AfterCaptureAction, session: any MailboxSession,
                             summary: inout PollSummary) {
        do {
            try perform(action, on: [fetched], session: session)
        } catch {
            summary.afterActionFailures += 1
            let (kind, message) = explain(error)
            // Logged and counted in the summary; not a poll failure for the observer (the poll goes on, the capture
            // stands), so /healthz and the mail-poll run log see the poll as it ends.
            logger.warning("after-action failed; the message stays captured", metadata: [
                "mail.mailbox": "\(mailbox)", "mail.uid": "\(fetched.uid)", "mail.after": "\(action)",
                "error.kind": "\(kind.rawValue)", "error": "\(message)"])
        }
    }

    /// The messages of `candidates` that one command can bring (`fetchInBatches`): those whose size is known and
    /// within `maxMessageBytes`, from the first up to where the batch reaches `batchBytes`, as the loop that takes
    /// them would stop there. Whatever this does not return (a failure of the command, a UID the server left out)
    /// is fetched one by one, where a message's own failures and the size limit have their outcomes.
    func prefetch(_ candidates: [MessageUID], sizes: [MessageUID: Int], validity: UIDValidity,
                  session: any MailboxSession) -> [MessageUID: [UInt8]] {
        guard fetchInBatches, candidates.count > 1 else { return [:] }
        var chosen: [MessageUID] = []
        var bytes = 0
        for uid in candidates {
            guard bytes < batchBytes, let size = sizes[uid], size <= maxMessageBytes else { break }
            chosen.append(uid)
            bytes += size
        }
        guard chosen.count > 1 else { return [:] }
        do {
            return try session.fetch(chosen, uidValidity: validity, limit: maxMessageBytes)
                .filter { $0.value.count <= maxMessageBytes }
        } catch {
            let (kind, message) = explain(error)
            logger.debug("batch fetch failed; fetching one by one", metadata: [
                "mail.mailbox": "\(mailbox)", "error.kind": "\(kind.rawValue)", "error": "\(message)"])
            return [:]
        }
    }
}
