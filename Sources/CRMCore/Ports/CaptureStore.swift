import Foundation

/// The store as capture sees it (DESIGN.md: Capture reaches the database through ports).
public protocol CaptureStore: Sendable {
    /// The address book snapshot (users, contacts, accounts, orders) under `policy`.
    func addressBook(policy: CapturePolicy) throws -> AddressBook
    /// Runs `body` in one write transaction: everything it wrote is committed together or not at all.
    func inCaptureTransaction<T>(_ body: (any CaptureTransaction) throws -> T) throws -> T
    /// Whether `error`, thrown by a transaction, says the database is unavailable (busy, locked, full disk, I/O,
    /// read-only) rather than that something about the message in hand is wrong (§12: only the latter counts
    /// towards `unprocessable`).
    func isUnavailability(_ error: any Error) -> Bool
}

extension CaptureStore {
    /// A store that cannot tell: every failure is taken for unavailability, so none makes a message unprocessable.
    public func isUnavailability(_ error: any Error) -> Bool { true }
}

/// The reads and writes of one capture transaction. Not `Sendable`: it lives only inside
/// `CaptureStore.inCaptureTransaction`.
public protocol CaptureTransaction {
    /// The stored message with `identity`, nil when there is none.
    func message(_ identity: MessageIdentity) throws -> StoredMessage?
    /// The stored message with database id `id`.
    func message(id: Int64) throws -> StoredMessage?
    /// The stored raw copies of a message in the order they were committed: the first is the copy stored first (§12).
    func rawCopies(of message: Int64) throws -> [RawCopy]
    /// The stored activity of a message, nil when it has none.
    func activity(of message: Int64) throws -> ActivityRecord?
    /// §12: adds the contacts, accounts and users of `activity` to the stored activity of `message` (none is removed;
    /// direction, orders, thread and attachments are left as stored) and sets its flags.
    func addLinks(toActivityOf message: Int64, _ activity: ActivityRecord) throws
    /// Every activity connected to `identity` through thread references (its parents, what answers it, at any
    /// depth, both directions), itself excluded.
    func threadActivities(of identity: MessageIdentity, parents: [MessageIdentity]) throws
        -> [(MessageIdentity, ActivityRecord)]
    /// Creates the message row with its first copy; returns its id.
    func insertMessage(_ identity: MessageIdentity, headline: MessageHeadline, copy: RawCopy) throws -> Int64
    /// Adds one more distinct copy to a message (no-op when its checksum is already stored).
    func addCopy(to message: Int64, copy: RawCopy) throws
    /// Records a source of a message; false when it was already recorded.
    @discardableResult
    func addSource(to message: Int64, source: MessageSource, copySHA256: String) throws -> Bool
    /// Replaces the message's outcome (activity, unmatched entry, excluded marker or nothing).
    func setOutcome(of message: Int64, _ outcome: StoredOutcome, at time: Date) throws
    /// Replaces the orders and flags of stored activities (thread updates).
    func applyOrderChanges(_ changes: [ActivityOrderChange]) throws
    /// The checkpoint of `mailbox`, nil before its first capture.
    func checkpoint(of mailbox: String) throws -> MailboxCheckpoint?
    /// Moves a mailbox checkpoint (same transaction as the outcomes it covers).
    func advanceCheckpoint(_ checkpoint: MailboxCheckpoint) throws
    /// Appends to the audit log.
    func appendAudit(_ entry: AuditLogEntry) throws
    /// The message ids of unmatched entries with status `open` (all when `entries` is nil, else those among the given
    /// entry ids), by entry id.
    func openUnmatchedMessages(entries: [Int64]?) throws -> [(entry: Int64, message: Int64)]
    /// The unmatched entry with id `entry`: its message and status; nil when there is none.
    func unmatchedEntry(_ entry: Int64) throws -> (message: Int64, status: String)?
    /// Marks an unmatched entry `assigned` (to `contact`) or `dismissed` (with `why`), keeping it for the record.
    func closeUnmatched(_ entry: Int64, status: String, contact: ContactID?, why: String?, at time: Date) throws
    /// The reason of the message's unmatched entry (`too_large`, ...), nil when it has none.
    func unmatchedReason(of message: Int64) throws -> String?
    /// §12: records one more failed attempt to capture `attempt`'s message with its error; returns how many attempts
    /// failed so far (kept across restarts).
    func recordCaptureAttempt(_ attempt: CaptureAttempt, error: String, at time: Date) throws -> Int
    /// Adds one to the count of messages captured on the UTC day of `time` with `outcome` (the dashboard's chart);
    /// called once per message fetched or replayed, never for a review action.
    func countCaptured(_ outcome: PolledOutcome, at time: Date) throws
    /// Forgets the failed attempts that `checkpoint` covers (UIDs up to its last UID, or another UIDVALIDITY).
    func forgetCaptureAttempts(coveredBy checkpoint: MailboxCheckpoint) throws
    /// Issue 14: throws `LeaseLost` unless the lease of `fence` is still its holder's under its token, so that a
    /// transaction of an instance that lost its mailbox rolls back instead of doubling what the new holder commits.
    func requireLease(_ fence: LeaseFence) throws
}

extension CaptureTransaction {
    /// A transaction that cannot check leases cannot confirm one: it refuses.
    public func requireLease(_ fence: LeaseFence) throws {
        throw LeaseLost(fence: fence, holder: nil, token: nil)
    }
}
