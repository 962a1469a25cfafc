import Foundation

/// One page of the review queue and how many items match in all.
public struct ReviewListing: Sendable, Hashable {
    /// One row of the list.
    public struct Item: Sendable, Hashable {
        public var ref: ReviewItemRef
        /// The unmatched reason (`unknown_sender`, …), or `privacy_review` for a flagged activity.
        public var reason: String
        public var fromAddress: String?
        public var fromName: String?
        public var subject: String?
        public var date: Date?
        /// The mailboxes it came through, sorted.
        public var mailboxes: [String]

        public init(ref: ReviewItemRef, reason: String, fromAddress: String?, fromName: String?, subject: String?,
                    date: Date?, mailboxes: [String]) {
            self.ref = ref
            self.reason = reason
            self.fromAddress = fromAddress
            self.fromName = fromName
            self.subject = subject
            self.date = date
            self.mailboxes = mailboxes
        }
    }

    /// Newest message date first; undated ones last, the message stored last first among equals.
    public var items: [Item]
    /// Items matching the filter on every page.
    public var total: Int

    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}
