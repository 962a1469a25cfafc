import CRMCore
import Foundation

/// The query of `GET /review` (§8) as the filter form sent it: `category` (`open`, `unreadable`, `privacy_review`),
/// `reason`, `mailbox`, `from` and `to` (days, `YYYY-MM-DD`, both inclusive, UTC), `q`, `page` (from 1); and the
/// notice an action left (`done=KIND` with counts: numbers only, so a link cannot put words on the page).
struct ReviewQuery: Sendable, Equatable {
    static let pageSize = 50

    var category: ReviewFilter.Category
    var reason: String
    var mailbox: String
    var from: String
    var to: String
    var text: String
    var page: Int
    var notice: String?

    init(_ form: ConsoleForm) {
        category = form["category"].flatMap(ReviewFilter.Category.init(rawValue:)) ?? .open
        reason = form["reason"] ?? ""
        mailbox = form["mailbox"] ?? ""
        from = form["from"] ?? ""
        to = form["to"] ?? ""
        text = form["q"] ?? ""
        page = max(1, form["page"].flatMap { Int($0) } ?? 1)
        notice = Self.notice(form)
    }

    var filter: ReviewFilter {
        ReviewFilter(category: category, reason: reason.isEmpty ? nil : reason, mailbox: mailbox.isEmpty ? nil : mailbox,
                     since: Self.day(from), before: Self.day(to).map { $0.addingTimeInterval(86_400) },
                     text: text.isEmpty ? nil : text, offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
    }

    /// This query on another page, as a link.
    func href(page: Int) -> String {
        var parts: [(String, String)] = [("category", category.rawValue)]
        for (name, value) in [("reason", reason), ("mailbox", mailbox), ("from", from), ("to", to), ("q", text)]
        where !value.isEmpty { parts.append((name, value)) }
        parts.append(("page", String(page)))
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: "\u{0}"..."\u{7f}"))
        allowed.insert(charactersIn: "-._~")
        return "/review?" + parts.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    /// Midnight UTC of `YYYY-MM-DD`; nil for anything else.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...CivilTime.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        return Date(timeIntervalSince1970: Double(CivilTime.days(year: year, month: month, day: day)) * 86_400)
    }

    /// The sentence for `done=…`: built from known words and the numbers given, nothing else of the link.
    static func notice(_ form: ConsoleForm) -> String? {
        func count(_ name: String) -> Int { form[name].flatMap { Int($0) }.map { max(0, $0) } ?? 0 }
        let skipped = count("skipped") > 0 ? " \(count("skipped")) were no longer open and were left alone." : ""
        switch form["done"] {
        case "assign": return "\(count("n")) entries assigned.\(skipped)"
        case "dismiss": return "\(count("n")) entries dismissed.\(skipped)"
        case "remember", "contact", "reprocess":
            let what = form["done"] == "contact" ? "Contact added: " : form["done"] == "remember" ? "Remembered: " : ""
            return "\(what)\(count("activities")) entries became activities, \(count("ignored")) were excluded, "
                + "\(count("open")) are still open.\(skipped)"
        case "keep": return "\(count("n")) activities kept, their flag cleared.\(skipped)"
        case "exclude": return "\(count("n")) activities excluded.\(skipped)"
        default: return nil
        }
    }
}
