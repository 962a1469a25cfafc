import CRMCore
import Foundation

/// What the queue's template (`review-list`) shows: the filter form with its choices, one page of items, paging
/// links, and the bulk forms. Every text is escaped by the template.
struct ReviewListView {
    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Row {
        var id: Int64
        var href: String
        var reason: String
        var sender: String
        var senderName: String?
        var subjectText: String
        var when: String
        var mailboxList: String
    }

    var categories: [Option]
    var reasons: [Option]
    var mailboxes: [Option]
    var from: String
    var to: String
    var q: String
    var rows: [Row]
    var total: Int
    var range: String
    var previous: String?
    var next: String?
    var notice: String?
    /// The privacy filter lists activities: its bulk form keeps or excludes instead of assigning or dismissing.
    var privacy: Bool

    static let reasonNames = ["unknown_sender", "no_user_recipient", "no_contact_recipient", "auto_generated",
                              "unparseable", "too_large", "unprocessable"]

    init(query: ReviewQuery, listing: ReviewListing, mailboxNames: [String]) {
        let labels: [ReviewFilter.Category: String] = [
            .open: "Open entries", .unreadable: "Could not be read", .privacyReview: "Privacy review",
        ]
        categories = ReviewFilter.Category.allCases.map {
            Option(value: $0.rawValue, label: labels[$0] ?? $0.rawValue, selected: $0 == query.category)
        }
        reasons = [Option(value: "", label: "any reason", selected: query.reason.isEmpty)]
            + Self.reasonNames.map { Option(value: $0, label: $0, selected: $0 == query.reason) }
        mailboxes = [Option(value: "", label: "any mailbox", selected: query.mailbox.isEmpty)]
            + mailboxNames.map { Option(value: $0, label: $0, selected: $0 == query.mailbox) }
        from = query.from
        to = query.to
        q = query.text
        let base = query.category == .privacyReview ? "/review/activities/" : "/review/"
        rows = listing.items.map { item in
            Row(id: item.ref.id, href: base + String(item.ref.id), reason: item.reason,
                sender: item.fromAddress ?? "(no sender)", senderName: item.fromName,
                subjectText: item.subject ?? "(no subject)", when: item.date.map(Self.utc) ?? "(no date)",
                mailboxList: item.mailboxes.joined(separator: ", "))
        }
        total = listing.total
        let first = (query.page - 1) * ReviewQuery.pageSize
        range = listing.items.isEmpty ? "none" : "\(first + 1)–\(first + listing.items.count) of \(listing.total)"
        previous = query.page > 1 ? query.href(page: query.page - 1) : nil
        next = first + listing.items.count < listing.total ? query.href(page: query.page + 1) : nil
        notice = query.notice
        privacy = query.category == .privacyReview
    }

    /// `2026-10-12 09:00 UTC`.
    static func utc(_ date: Date) -> String {
        let text = ISO8601DateFormatter().string(from: date)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }
}
