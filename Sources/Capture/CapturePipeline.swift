import CRMCore
import Foundation
import MailMIME
import Matching

/// The writer of INTERFACE.md §4: parses a message, finds out whether it is a copy of one already stored (§4.8),
/// asks the matcher, and persists the outcome, the source and the thread updates through one `CaptureTransaction`.
///
/// Decisions where the contract is silent:
/// - §12: a later copy never deletes or rewrites what was stored; it counts as `duplicate`. A copy with new bytes is
///   kept and its source added; content (subject, text, date, attachments, direction, orders, thread) stays the
///   first copy's, the first being the copy committed first (`CaptureTransaction.rawCopies`).
///   - An activity stays an activity: the contacts, users and accounts among the copy's recipients are added
///     (`Matcher.addCopy`), none removed; a never-capture address in the copy flags it `privacy_review`.
///   - An open unmatched entry is decided on the first copy with the recipients of all copies
///     (`Matcher.mergeCopies`): it becomes an activity when the added recipients make it one, and is otherwise left
///     exactly as it was (reason and audit trail included).
///   A copy with bytes already stored only adds its source.
/// - A copy of an excluded message (§4.9: its first copy named a never-capture address) is a duplicate and nothing
///   of it is stored, not even its source.
/// - A copy of a message whose unmatched entry an administrator dismissed keeps that decision; one assigned is an
///   activity and gains links as above.
/// - Ignored `internal` messages leave nothing behind: replaying one again counts it as ignored again.
/// - A message with no `Message-ID` has the SHA-256 of its bytes as identity, so its copies are byte-identical.
/// - §11: a user's forward to the capture address is captured as the message it forwards (`Matcher.captured`). Its
///   own raw bytes are stored as the copy; the identity is the original's `Message-ID` when the forward carries one
///   (a `message/rfc822` part), so the original arriving directly, before or after, is the same message.
public struct CapturePipeline: Sendable {
    /// The address book every decision of this pipeline uses.
    public var book: AddressBook
    let parser: MIMEParser

    public init(book: AddressBook, parser: MIMEParser = MIMEParser()) {
        self.book = book
        self.parser = parser
    }

    /// Captures one message inside `tx`.
    public func capture(_ raw: RawMessage, in tx: any CaptureTransaction, at time: Date = Date()) throws -> CaptureResult {
        try capture(prepare(raw), in: tx, at: time)
    }

    /// The pure part of capturing a message (parse, checksum, identity): no I/O, so a batch can be prepared on
    /// several threads before its transaction. A user's forward to the capture address is prepared as the message
    /// it forwards (§11, `Matcher.captured`): its identity, headline and attachments are the original's.
    public func prepare(_ raw: RawMessage) -> PreparedMessage {
        let parsed = Matcher.captured(parser.parse(raw.bytes), book: book)
        let checksum = SHA256.hexDigest(raw.bytes)
        let identity: MessageIdentity = if let id = parsed.messageID?.trimmingASCIIWhitespace(), !id.isEmpty {
            .messageID(id)
        } else {
            .contentSHA256(checksum)
        }
        return PreparedMessage(raw: raw, parsed: parsed, checksum: checksum, identity: identity)
    }

    /// Captures a prepared message inside `tx`, and counts its outcome for the day of `time` in the same transaction
    /// (the dashboard's per-day counts stay exact: they commit or roll back with the outcome).
    public func capture(_ prepared: PreparedMessage, in tx: any CaptureTransaction, at time: Date = Date()) throws
        -> CaptureResult {
        let result = try decideAndStore(prepared, in: tx, at: time)
        try tx.countCaptured(result.polledOutcome, at: time)
        return result
    }

    private func decideAndStore(_ prepared: PreparedMessage, in tx: any CaptureTransaction, at time: Date) throws
        -> CaptureResult {
        if let tooLarge = prepared.raw.tooLarge { return try captureTooLarge(prepared, tooLarge, in: tx, at: time) }
        let (raw, parsed, checksum, identity) = (prepared.raw, prepared.parsed, prepared.checksum, prepared.identity)
        let copy = RawCopy(sha256: checksum, bytes: raw.bytes)
        if let stored = try tx.message(identity) {
            if stored.excluded { return .duplicate }
            let newBytes = !stored.copies.contains(checksum)
            if newBytes { try tx.addCopy(to: stored.id, copy: copy) }
            try tx.addSource(to: stored.id, source: raw.source, copySHA256: checksum)
            if newBytes { try addLaterCopy(parsed, to: stored, in: tx, at: time) }
            return .duplicate
        }
        let parents = Matcher.threadParents(of: parsed, identity: identity)
        let thread = try threadFacts(of: identity, parents: parents, in: tx)
        let decision = Matcher.decide(parsed, identity: identity, book: book, thread: thread)
        if case .ignored(.internal) = decision.outcome {
            try tx.applyOrderChanges(decision.threadUpdates.map(ActivityOrderChange.init))
            return .ignored(.internal)
        }
        let id = try tx.insertMessage(identity, headline: headline(parsed), copy: copy)
        try tx.addSource(to: id, source: raw.source, copySHA256: checksum)
        return try persist(decision, parsed: parsed, message: id, in: tx, at: time)
    }

    /// §12: what a later copy (new bytes, already stored with its source) adds to the stored message.
    private func addLaterCopy(
        _ copy: ParsedMessage, to stored: StoredMessage, in tx: any CaptureTransaction, at time: Date
    ) throws {
        if let record = try tx.activity(of: stored.id) {
            let grown = Matcher.addCopy(copy, to: record.matchingActivity, book: book)
            try tx.addLinks(toActivityOf: stored.id, ActivityRecord(grown))
        } else if stored.unmatchedStatus == "open" {
            guard let (decision, first) = try decideCopies(of: stored.id, identity: stored.identity, in: tx),
                  case .activity = decision.outcome else { return }
            try persist(decision, parsed: first, message: stored.id, in: tx, at: time)
        }
    }

    /// Decides a stored message again on its merged copies (§12) with the current address book and thread, and
    /// replaces its outcome; returns the new outcome. (`reprocess` of an open entry.)
    @discardableResult
    public func decideAgain(
        _ message: Int64, identity: MessageIdentity, in tx: any CaptureTransaction, at time: Date = Date()
    ) throws -> CaptureResult {
        guard let (decision, first) = try decideCopies(of: message, identity: identity, in: tx) else {
            return .ignored(.excluded)
        }
        return try persist(decision, parsed: first, message: message, in: tx, at: time)
    }

    /// The decision on a stored message's copies and its first copy; nil when no copy is stored (excluded).
    private func decideCopies(of message: Int64, identity: MessageIdentity, in tx: any CaptureTransaction) throws
        -> (CaptureDecision, ParsedMessage)? {
        let copies = try tx.rawCopies(of: message).map { parser.parse($0.bytes) }
        guard let first = copies.first else { return nil }
        let merged = Matcher.mergeCopies(first, Array(copies.dropFirst()), book: book)
        let parents = Matcher.threadParents(of: merged.message, identity: identity)
        let thread = try threadFacts(of: identity, parents: parents, in: tx)
        return (Matcher.decide(merged, identity: identity, book: book, thread: thread), merged.message)
    }

    /// The captured activities of the message's thread.
    func threadFacts(
        of identity: MessageIdentity, parents: [MessageIdentity], in tx: any CaptureTransaction
    ) throws -> ThreadFacts {
        ThreadFacts(try tx.threadActivities(of: identity, parents: parents).map { member, record in
            ThreadMember(identity: member, activity: record.matchingActivity)
        })
    }

    @discardableResult
    private func persist(
        _ decision: CaptureDecision, parsed: ParsedMessage, message: Int64, in tx: any CaptureTransaction, at time: Date
    ) throws -> CaptureResult {
        let result: CaptureResult
        switch decision.outcome {
        case .activity(let activity):
            try tx.setOutcome(of: message, .activity(ActivityRecord(activity), attachments: attachments(parsed)), at: time)
            result = .activity
        case .unmatched(let reason):
            try tx.setOutcome(of: message, .unmatched(reason: reason.rawValue, audit: decision.audit.description), at: time)
            result = .unmatched(reason)
        case .ignored(let reason):
            try tx.setOutcome(of: message, reason == .excluded ? .excluded : .discarded, at: time)
            result = .ignored(reason)
        }
        try tx.applyOrderChanges(decision.threadUpdates.map(ActivityOrderChange.init))
        return result
    }

    func headline(_ parsed: ParsedMessage) -> MessageHeadline {
        MessageHeadline(messageID: parsed.messageID, date: parsed.date, subject: parsed.subject,
                        from: parsed.from.first.map { EmailAddress($0.address)?.value ?? $0.address },
                        fromName: parsed.from.first?.name.flatMap { $0.isEmpty ? nil : $0 })
    }

    func attachments(_ parsed: ParsedMessage) -> [AttachmentRecord] {
        parsed.attachments.map { a in
            AttachmentRecord(filename: a.filename, contentType: a.contentType, sha256: SHA256.hexDigest(a.data), data: a.data)
        }
    }
}
