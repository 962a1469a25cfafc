import CRMCore
import Foundation
import Matching

/// The outcomes of INTERFACE.md §12 that no rule of §4 decides: a message too large to hold (`too_large`) and one
/// that failed to be captured three times for a reason of its own (`unprocessable`). Both are kept for the
/// administrator with what was read of them; the mailbox moves on.
///
/// Decisions where the contract is silent:
/// - Privacy (§4.9) still comes first: a never-capture address in what was read makes the message ignored `excluded`,
///   and nothing of it is stored.
/// - A stored message with the same identity makes it a duplicate: its source is recorded (with its copy), nothing
///   stored is rewritten, and it is not decided again (what was read of it is not the whole message).
/// - An unprocessable message with no bytes at all has no identity of its own: it gets one from its source
///   (`sha256` of `unprocessable` + mailbox + ref), so two unreadable messages are never taken for one.
extension CapturePipeline {
    /// Captures a message over `capture.max_message_bytes` whose `raw.bytes` are only its header section (through
    /// `capture`, which counts it).
    func captureTooLarge(
        _ prepared: PreparedMessage, _ tooLarge: MessageTooLarge, in tx: any CaptureTransaction, at time: Date = Date()
    ) throws -> CaptureResult {
        let audit = AuditTrail(decidingRule: .limits, entries: [.tooLarge(size: tooLarge.size, limit: tooLarge.limit)])
        return try captureKept(prepared, reason: .tooLarge, audit: audit, in: tx, at: time)
    }

    /// Captures a message that failed `attempts` times for a reason of its own, with `error` (the last failure) in its
    /// audit trail; `raw.bytes` is what could be read of it (the message, its header, or nothing).
    public func captureUnprocessable(
        _ raw: RawMessage, attempts: Int, error: String, in tx: any CaptureTransaction, at time: Date = Date()
    ) throws -> CaptureResult {
        var prepared = prepare(raw)
        if raw.bytes.isEmpty {
            let key = "unprocessable\u{0}\(raw.source.mailbox)\u{0}\(raw.source.ref)"
            prepared.identity = .contentSHA256(SHA256.hexDigest(Array(key.utf8)))
        }
        let audit = AuditTrail(decidingRule: .limits, entries: [.unprocessable(attempts: attempts, error: error)])
        let result = try captureKept(prepared, reason: .unprocessable, audit: audit, in: tx, at: time)
        try tx.countCaptured(result.polledOutcome, at: time)
        return result
    }

    /// Stores `prepared` as an unmatched entry with `reason`, unless it is excluded or already stored.
    private func captureKept(
        _ prepared: PreparedMessage, reason: UnmatchedReason, audit: AuditTrail, in tx: any CaptureTransaction,
        at time: Date
    ) throws -> CaptureResult {
        let copy = RawCopy(sha256: prepared.checksum, bytes: prepared.raw.bytes)
        if let stored = try tx.message(prepared.identity) {
            if stored.excluded { return .duplicate }
            if !stored.copies.contains(prepared.checksum) { try tx.addCopy(to: stored.id, copy: copy) }
            try tx.addSource(to: stored.id, source: prepared.raw.source, copySHA256: prepared.checksum)
            return .duplicate
        }
        let id = try tx.insertMessage(prepared.identity, headline: headline(prepared.parsed), copy: copy)
        try tx.addSource(to: id, source: prepared.raw.source, copySHA256: prepared.checksum)
        // Privacy is the first rule the matcher applies: excluded there means excluded here.
        if Matcher.decide(prepared.parsed, identity: prepared.identity, book: book).outcome == .ignored(.excluded) {
            try tx.setOutcome(of: id, .excluded, at: time)
            return .ignored(.excluded)
        }
        try tx.setOutcome(of: id, .unmatched(reason: reason.rawValue, audit: audit.description), at: time)
        return .unmatched(reason)
    }
}
