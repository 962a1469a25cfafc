import CRMCore
import Foundation

/// The account pages' template data: an account's profile, its history entries, and the pager.
enum AccountsView {
    /// Entries per page of an account's history and of the account list.
    static let pageSize = 50

    static func summary(_ account: AccountSummary) -> [String: Any] {
        var data: [String: Any] = [
            "id": account.id.rawValue, "name": account.name, "type": account.type.rawValue,
            "status": account.status.rawValue, "rating": account.rating.map { String($0.rawValue) } ?? "none",
            "href": href(account.id.rawValue),
        ]
        if let parent = account.parent { data["parentId"] = parent.rawValue }
        return data
    }

    static func profile(_ profile: AccountProfile) -> [String: Any] {
        var data: [String: Any] = [
            "account": summary(profile.account),
            "subsidiaries": profile.subsidiaries.map { summary($0.account).merging(["depth": $0.depth]) { $1 } },
            "hasSubsidiaries": !profile.subsidiaries.isEmpty,
            "rules": profile.ratingRules.map { rule -> [String: Any] in
                ["rating": rule.rating.rawValue, "from": rule.amountFrom, "to": rule.amountTo,
                 "currency": rule.currency.rawValue, "current": rule.rating == profile.account.rating]
            },
        ]
        // Absent, not nil inside `Any`: the template would take a wrapped nil for a value.
        if let parent = profile.parent { data["parent"] = summary(parent) }
        return data
    }

    /// Each entry as the partial of its kind sees it (`activity`, `appointment`).
    static func entries(_ entries: [AccountHistoryEntry]) -> [[String: Any]] {
        entries.map { entry in
            switch entry {
            case .activity(let a):
                ["activity": [
                    "id": a.id, "date": a.date.map(MailboxHealth.utc) ?? "no date", "direction": a.direction,
                    "incoming": a.direction == "incoming", "subject": a.subject ?? "(no subject)",
                    "contacts": a.contacts.map { ["id": $0.id, "name": $0.name] },
                    "users": a.users.map { ["id": $0.id, "name": $0.name] },
                    "accounts": a.accounts.map { ["id": $0.id, "name": $0.name, "href": href($0.id)] },
                    "orders": a.orders.map(\.rawValue),
                ] as [String: Any]]
            case .appointment(let a):
                ["appointment": [
                    "id": a.id.rawValue, "start": a.start.iso8601, "end": a.end.iso8601, "title": a.title,
                    "location": a.location ?? "", "status": a.status.rawValue,
                    "cancelled": a.status == .cancelled, "owner": a.owner.name,
                    "contacts": a.contacts.map { ["id": $0.id, "name": $0.name] },
                    "users": a.users.map { ["id": $0.id, "name": $0.name] },
                    "accounts": a.accounts.map { ["id": $0.id, "name": $0.name, "href": href($0.id)] },
                ] as [String: Any]]
            }
        }
    }

    /// `/accounts/ID` with the id percent-encoded (an id is any text of `accounts.csv`).
    static func href(_ id: String) -> String { "/accounts/" + encoded(id) }

    /// `text` safe inside a path segment or a query value.
    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `?page=N` (1-based; anything else is 1).
    static func page(_ query: ConsoleForm) -> Int {
        query["page"].flatMap { Int($0) }.map { max(1, min($0, 1_000_000)) } ?? 1
    }

    /// The pager's links: `base` is the path with its other query fields (escaped by the template).
    static func pager(page: Int, hasMore: Bool, base: String) -> [String: Any] {
        let separator = base.contains("?") ? "&" : "?"
        var data: [String: Any] = ["page": page]
        if page > 1 { data["previous"] = "\(base)\(separator)page=\(page - 1)" }
        if hasMore { data["next"] = "\(base)\(separator)page=\(page + 1)" }
        return data
    }
}
