import Foundation

/// One entry of the review queue (or one flagged activity) as its page shows it (§8 `GET /review/ID`). Every text
/// here comes from mail and is untrusted: a page escapes it, and the body is always text (an HTML body is its text,
/// never markup).
public struct ReviewItemDetail: Sendable, Equatable {
    /// A header field of the first copy, its value unfolded.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// An attachment of the first copy: its untrusted file name, declared type and decoded size.
    public struct Attachment: Sendable, Hashable {
        /// Its position, the `index` of `ReviewQueue.attachment`.
        public var index: Int
        public var filename: String?
        public var contentType: String
        public var size: Int
        public init(index: Int, filename: String?, contentType: String, size: Int) {
            self.index = index
            self.filename = filename
            self.contentType = contentType
            self.size = size
        }
    }

    public var ref: ReviewItemRef
    /// The unmatched reason, or `privacy_review`.
    public var reason: String
    /// `open`, `assigned`, `dismissed`; `flagged` for an activity still flagged, `kept` once settled.
    public var status: String
    public var messageID: String?
    public var date: Date?
    public var fromAddress: String?
    public var fromName: String?
    public var subject: String?
    public var headers: [Header]
    /// The body text (§4: the plain part, or the HTML part as text).
    public var text: String
    /// Whether `text` came from an HTML part.
    public var textIsFromHTML: Bool
    public var attachments: [Attachment]
    public var sources: [MessageSource]
    /// Distinct stored copies and the size of the first, in bytes.
    public var copies: Int
    public var rawSize: Int
    /// Why capture decided as it did: the rule and the addresses (the stored trail of an entry; for an activity,
    /// the decision on its copies with today's address book).
    public var captureTrail: String
    /// The contact an assigned entry went to, the reason a dismissed one was closed with.
    public var assignedContact: ContactID?
    public var dismissReason: String?
    /// What people did to it, oldest first.
    public var actions: [AuditLogEntry]

    public init(ref: ReviewItemRef, reason: String, status: String, messageID: String?, date: Date?,
                fromAddress: String?, fromName: String?, subject: String?, headers: [Header], text: String,
                textIsFromHTML: Bool, attachments: [Attachment], sources: [MessageSource], copies: Int, rawSize: Int,
                captureTrail: String, assignedContact: ContactID?, dismissReason: String?, actions: [AuditLogEntry]) {
        self.ref = ref
        self.reason = reason
        self.status = status
        self.messageID = messageID
        self.date = date
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.subject = subject
        self.headers = headers
        self.text = text
        self.textIsFromHTML = textIsFromHTML
        self.attachments = attachments
        self.sources = sources
        self.copies = copies
        self.rawSize = rawSize
        self.captureTrail = captureTrail
        self.assignedContact = assignedContact
        self.dismissReason = dismissReason
        self.actions = actions
    }

    /// Whether the message could not be read (`unparseable`, `too_large`, `unprocessable`).
    public var isUnreadable: Bool { ReviewFilter.unreadableReasons.contains(reason) }
}
