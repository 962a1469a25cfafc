import Foundation

/// Where a copy of a message came from (§4 `sources`): the mailbox name and, for IMAP, `UIDVALIDITY:UID`; for
/// replay, the path as given (with `#N` for the N-th message of an mbox file).
public struct MessageSource: Hashable, Sendable, Comparable {
    public var mailbox: String
    public var ref: String
    public init(mailbox: String, ref: String) {
        self.mailbox = mailbox
        self.ref = ref
    }
    public static func < (a: Self, b: Self) -> Bool { (a.mailbox, a.ref) < (b.mailbox, b.ref) }
}

/// The raw bytes of one copy of a message with their SHA-256 (64 lower-case hex digits) as checksum.
public struct RawCopy: Sendable, Equatable {
    public var sha256: String
    public var bytes: [UInt8]
    public init(sha256: String, bytes: [UInt8]) {
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// What `export` shows of a message besides its outcome.
public struct MessageHeadline: Sendable, Equatable {
    public var messageID: String?
    public var date: Date?
    public var subject: String?
    public var from: String?
    public init(messageID: String?, date: Date?, subject: String?, from: String?) {
        self.messageID = messageID
        self.date = date
        self.subject = subject
        self.from = from
    }
}

/// An activity as the store keeps it: enough to export it and to rebuild its thread facts (§4.6, §4.7).
/// `direction` and `flags` hold the contract's words (`incoming`/`outgoing`, `order_account_mismatch`).
public struct ActivityRecord: Sendable, Equatable {
    public var direction: String
    public var contacts: [ContactID]
    public var accounts: [AccountID]
    public var users: [UserID]
    public var orders: [OrderNumber]
    public var ownOrders: [OrderNumber]
    public var unresolvedOrders: [OrderNumber]
    public var inheritedFrom: MessageIdentity?
    public var flags: [String]
    /// The messages it answers, nearest first.
    public var threadParents: [MessageIdentity]

    public init(
        direction: String, contacts: [ContactID], accounts: [AccountID], users: [UserID], orders: [OrderNumber],
        ownOrders: [OrderNumber], unresolvedOrders: [OrderNumber], inheritedFrom: MessageIdentity?, flags: [String],
        threadParents: [MessageIdentity]
    ) {
        self.direction = direction
        self.contacts = contacts
        self.accounts = accounts
        self.users = users
        self.orders = orders
        self.ownOrders = ownOrders
        self.unresolvedOrders = unresolvedOrders
        self.inheritedFrom = inheritedFrom
        self.flags = flags
        self.threadParents = threadParents
    }
}

/// An attachment kept with an activity: the bytes are stored once per SHA-256; the file name is data, never a path.
public struct AttachmentRecord: Sendable, Equatable {
    public var filename: String?
    public var contentType: String
    public var sha256: String
    public var data: [UInt8]
    public init(filename: String?, contentType: String, sha256: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.sha256 = sha256
        self.data = data
    }
}

/// The outcome the store keeps for a message.
public enum StoredOutcome: Sendable, Equatable {
    case activity(ActivityRecord, attachments: [AttachmentRecord])
    /// `reason` is the contract's word; `audit` the printable trail for `unmatched show`.
    case unmatched(reason: String, audit: String)
    /// §4.9: only the identity is kept (so later copies stay excluded); raw bytes and sources are dropped.
    case excluded
    /// Ignored `internal`: nothing of the message is kept.
    case discarded
}

/// A message the store already has.
public struct StoredMessage: Sendable, Equatable {
    public var id: Int64
    public var identity: MessageIdentity
    public var excluded: Bool
    /// The checksums of its stored copies.
    public var copies: [String]
    public var hasActivity: Bool
    /// The review status of its unmatched entry, nil when it has none.
    public var unmatchedStatus: String?
    public init(id: Int64, identity: MessageIdentity, excluded: Bool, copies: [String], hasActivity: Bool,
                unmatchedStatus: String?) {
        self.id = id
        self.identity = identity
        self.excluded = excluded
        self.copies = copies
        self.hasActivity = hasActivity
        self.unmatchedStatus = unmatchedStatus
    }
}

/// New orders and flags for a stored activity (a thread update, §4.7).
public struct ActivityOrderChange: Sendable, Equatable {
    public var identity: MessageIdentity
    public var orders: [OrderNumber]
    public var inheritedFrom: MessageIdentity?
    public var flags: [String]
    public init(identity: MessageIdentity, orders: [OrderNumber], inheritedFrom: MessageIdentity?, flags: [String]) {
        self.identity = identity
        self.orders = orders
        self.inheritedFrom = inheritedFrom
        self.flags = flags
    }
}

/// How far a mailbox has been captured: moved in the same transaction as the outcomes it covers.
public struct MailboxCheckpoint: Sendable, Equatable {
    public var mailbox: String
    public var uidValidity: UInt32
    public var lastUID: UInt32
    public init(mailbox: String, uidValidity: UInt32, lastUID: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// One line of the audit log: who did what to which record, and when.
public struct AuditLogEntry: Sendable, Equatable {
    public var at: Date
    public var actor: String
    public var action: String
    public var target: String
    public var detail: String
    public init(at: Date, actor: String, action: String, target: String, detail: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
    }
}
