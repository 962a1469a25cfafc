import CRMCore
import Foundation

/// The text and HTML of one user's digest. Everything that comes from mail (subjects, addresses) is escaped in the
/// HTML and flattened to one line in both; links are the console's own pages.
struct DigestRenderer {
    let digest: UserDigest
    let zone: TimeZoneRules

    func text() -> String {
        var lines = [greeting, "", intro, ""]
        for (title, entries) in sections {
            lines += ["\(title) (\(entries.count)):", ""]
            for entry in entries {
                lines.append("- \(subject(entry)) (\(time(entry.date)))")
                lines.append("  \(addressLabel(entry)): \(addresses(entry))")
                lines.append("  \(entry.link)")
                lines.append("")
            }
        }
        lines += [closing, "", "-- ", footer]
        return lines.joined(separator: "\n")
    }

    func html() -> String {
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escape(greeting))</title></head><body>\n"
        out += "<p>\(escape(greeting))</p>\n<p>\(escape(intro))</p>\n"
        for (title, entries) in sections {
            out += "<h2>\(escape(title)) (\(entries.count))</h2>\n<ul>\n"
            for entry in entries {
                out += "<li><a href=\"\(escape(entry.link))\">\(escape(subject(entry)))</a> (\(escape(time(entry.date))))"
                out += "<br>\(escape(addressLabel(entry))): \(escape(addresses(entry)))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "<p>\(escape(closing))</p>\n<p><small>\(escape(footer))</small></p>\n</body></html>"
        return out
    }

    private var sections: [(String, [DigestEntry])] {
        [("You wrote to addresses the CRM does not know", digest.sent),
         ("You received mail from senders the CRM does not know", digest.received)].filter { !$0.1.isEmpty }
    }

    private var greeting: String { "Hello \(digest.name.isEmpty ? digest.user.rawValue : flat(digest.name))," }

    private var intro: String {
        let n = digest.entries.count
        return "the CRM found no customer for \(n) message\(n == 1 ? "" : "s") of yours captured since \(time(digest.since))."
    }

    private var closing: String {
        "If these people are customers, ask for them to be added to the address book, or open each message in the "
            + "console to assign it."
    }

    private var footer: String { "This message was sent automatically by CRMService; replies are not read." }

    private func subject(_ entry: DigestEntry) -> String {
        let text = flat(entry.subject ?? "")
        return text.isEmpty ? "(no subject)" : text
    }

    private func addressLabel(_ entry: DigestEntry) -> String {
        entry.reason == .noContactRecipient ? "To" : "From"
    }

    private func addresses(_ entry: DigestEntry) -> String {
        entry.unknownAddresses.isEmpty ? "(none readable)" : entry.unknownAddresses.map(\.value).joined(separator: ", ")
    }

    /// `2026-12-04 07:00 (Europe/Amsterdam)`.
    func time(_ date: Date) -> String {
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        let civil = CivilTime(seconds: t + Int64(zone.offset(at: t)))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(civil.year)-\(two(civil.month))-\(two(civil.day)) \(two(civil.hour)):\(two(civil.minute)) (\(zone.identifier))"
    }

    /// One line: control characters (CR, LF, tabs) become spaces.
    private func flat(_ text: String) -> String {
        HeaderEncoding.flattened(text).trimmingCharacters(in: .whitespaces)
    }

    /// HTML text and attribute values: `& < > " '`.
    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
