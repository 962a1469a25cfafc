import Foundation

/// What `GET /review` lists (§8): one category, narrowed by reason, mailbox, message date and text, one page of it.
public struct ReviewFilter: Sendable, Hashable {
    public enum Category: String, Sendable, Hashable, CaseIterable {
        /// Every open unmatched entry.
        case open
        /// Open entries that could not be read: `unparseable`, `too_large`, `unprocessable`.
        case unreadable
        /// Activities flagged `privacy_review` (§12).
        case privacyReview = "privacy_review"
    }

    /// The reasons of the `unreadable` category.
    public static let unreadableReasons = ["unparseable", "too_large", "unprocessable"]

    public var category: Category
    /// One unmatched reason (`unknown_sender`, …); nil for all. Ignored for `privacyReview`.
    public var reason: String?
    /// Entries with a source in this mailbox; nil for all.
    public var mailbox: String?
    /// Messages dated at or after this instant; nil for no lower bound. Undated messages match no date bound.
    public var since: Date?
    /// Messages dated before this instant.
    public var before: Date?
    /// Text the sender's address or display name or the subject contains (case-insensitive for ASCII); nil or
    /// blank for all.
    public var text: String?
    /// Rows skipped (paging) and the page's size.
    public var offset: Int
    public var limit: Int

    public init(category: Category = .open, reason: String? = nil, mailbox: String? = nil, since: Date? = nil,
                before: Date? = nil, text: String? = nil, offset: Int = 0, limit: Int = 50) {
        self.category = category
        self.reason = reason
        self.mailbox = mailbox
        self.since = since
        self.before = before
        self.text = text
        self.offset = max(0, offset)
        self.limit = max(1, limit)
    }
}
