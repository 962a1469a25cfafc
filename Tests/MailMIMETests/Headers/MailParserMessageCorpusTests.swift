import Foundation
import Testing
import TestSupport
@testable import MailMIME

/// The top-level header block of mail-parser's test messages (`resources/eml/{rfc,malformed,thirdparty}`) against
/// the expected results beside them (`N.json`): field count, body offset, Subject, From, To, Reply-To, Date,
/// Message-ID.
@Suite("mail-parser message corpus (top-level headers)",
        .enabled(if: Prerequisite.met(SharedCorpus.isAvailable), "needs the shared corpus (../shared/corpus)"))
struct MailParserMessageCorpusTests {
    typealias S = HeaderTestSupport
    init() throws { try SharedCorpus.require() }

    static func messages() -> [URL] {
        let root = S.mailParserResources.appendingPathComponent("eml")
        var urls: [URL] = []
        for dir in ["rfc", "malformed", "thirdparty"] {
            let d = root.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []
            urls += names.filter { $0.hasSuffix(".eml") }.sorted().map { d.appendingPathComponent($0) }
        }
        return urls
    }

    static func renderAddresses(_ value: Any?) -> String {
        guard let v = value as? [String: Any] else { return "" }
        var members: [[String: Any]] = v["List"] as? [[String: Any]] ?? []
        for group in v["Group"] as? [[String: Any]] ?? [] { members += group["addresses"] as? [[String: Any]] ?? [] }
        return members.compactMap { m -> String? in
            let name = m["name"] as? String, address = m["address"] as? String
            if name == nil && address == nil { return nil }
            return "\(name ?? "nil")|\(address ?? "")"
        }.joined(separator: "; ")
    }

    /// One line per compared item that differs: "file item: theirs ≠ ours".
    static func mismatches() throws -> (compared: Int, lines: [String]) {
        var lines: [String] = []
        var compared = 0
        for url in messages() {
          // `N.json` is the result for the message with LF line ends, `N.crlf.json` with CRLF.
          let lf = Array(try Data(contentsOf: url)).filter { $0 != 0x0D }
          for crlf in [false, true] {
            let file = url.deletingLastPathComponent().lastPathComponent + "/" + url.lastPathComponent + (crlf ? " crlf" : "")
            let jsonURL = url.deletingPathExtension().appendingPathExtension(crlf ? "crlf.json" : "json")
            guard let json = try JSONSerialization.jsonObject(with: Data(contentsOf: jsonURL)) as? [String: Any],
                  let part = (json["parts"] as? [[String: Any]])?.first else { continue }
            let bytes = crlf ? lf.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] } : lf
            var defects: [MIMEDefect] = []
            let block = HeaderBlockParser.parse(bytes, in: 0..<bytes.count, options: S.options, defects: &defects)
            let headers = part["headers"] as? [[String: Any]] ?? []
            func check(_ item: String, _ theirs: String, _ ours: String) {
                compared += 1
                if theirs != ours { lines.append("\(file) \(item): \(theirs.debugDescription) ≠ \(ours.debugDescription)") }
            }
            check("field count", String(headers.count), String(block.fields.count))
            check("body offset", String(part["offset_body"] as? Int ?? -1), String(block.bodyStart))
            for h in headers {
                guard let name = h["name"] as? String, let value = h["value"] as? [String: Any],
                      let start = h["offset_field"] as? Int else { continue }
                guard let field = block.fields.first(where: { $0.rawValue.startIndex > start && $0.rawValue.startIndex <= (h["offset_start"] as? Int ?? 0) }) else {
                    continue
                }
                var d: [MIMEDefect] = []
                switch name {
                case "subject":
                    check(name, value["Text"] as? String ?? "", HeaderText.unstructured(field.rawValue, options: S.options, defects: &d))
                case "from", "to", "reply_to", "cc":
                    let ours = AddressListParser.parse(field.rawValue, options: S.options, defects: &d)
                        .map { "\($0.name ?? "nil")|\($0.address)" }.joined(separator: "; ")
                    check(name, renderAddresses(value["Address"]), ours)
                case "message_id":
                    check(name, value["Text"] as? String ?? "", MessageIDParser.parseList(field.rawValue, defects: &d).first ?? "")
                case "date":
                    guard let e = value["DateTime"] as? [String: Any] else { continue }
                    var c = DateComponents()
                    c.year = e["year"] as? Int; c.month = e["month"] as? Int; c.day = e["day"] as? Int
                    c.hour = e["hour"] as? Int; c.minute = e["minute"] as? Int; c.second = e["second"] as? Int
                    var calendar = Calendar(identifier: .gregorian)
                    calendar.timeZone = TimeZone(identifier: "UTC")!
                    let local = Int64(calendar.date(from: c)!.timeIntervalSince1970)
                    let offset = Int64(((e["tz_hour"] as? Int ?? 0) * 60 + (e["tz_minute"] as? Int ?? 0)) * 60)
                    let want = local + ((e["tz_before_gmt"] as? Bool ?? false) ? offset : -offset)
                    check(name, String(want), DateParser.epochSeconds(field.rawValue).map(String.init) ?? "nil")
                default: continue
                }
            }
          }
        }
        return (compared, lines)
    }

    /// A lone word without `@` (`From: Whomever`) is a display name for mail-parser; for us, as for GMime and
    /// MimeKit, it is an addr-spec without domain (old local mail), so that `To: abel, bianchi` keeps its addresses.
    static let differences: [String] = ["001", "004"].flatMap { n in
        ["", " crlf"].flatMap { variant -> [String] in
            let (from, to) = n == "001" ? ("Whomever", "Someone") : ("Moderator-Address", "Recipient-List")
            return ["rfc/\(n).eml\(variant) from: \"\(from)|\" ≠ \"nil|\(from)\"",
                    "rfc/\(n).eml\(variant) to: \"\(to)|\" ≠ \"nil|\(to)\""]
        }
    }

    @Test("53 messages × LF/CRLF: field count, body offset and the main fields match, except the documented differences")
    func topLevelHeaders() throws {
        let (compared, lines) = try Self.mismatches()
        #expect(compared == 414)
        #expect(lines == Self.differences)
    }
}
