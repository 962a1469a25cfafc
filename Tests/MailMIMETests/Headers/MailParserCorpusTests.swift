import Foundation
import Testing
import TestSupport
@testable import MailMIME

/// Our header parsers held against mail-parser's header fixtures (`../shared/corpus/mail-parser/resources`).
/// Each test renders both sides as text and requires that every mismatch is one of the documented differences.
@Suite("mail-parser header corpus",
        .enabled(if: Prerequisite.met(SharedCorpus.isAvailable), "needs the shared corpus (../shared/corpus)"))
struct MailParserCorpusTests {
    typealias S = HeaderTestSupport
    init() throws { try SharedCorpus.require() }

    static func render(_ list: [MailAddress]) -> String {
        list.map { "\($0.name ?? "nil")|\($0.address)" }.joined(separator: "; ")
    }

    static func addressMismatches() throws -> (total: Int, mismatches: [String: String]) {
        var mismatches: [String: String] = [:]
        let entries = try S.corpusEntries("address.json")
        for (header, expected) in entries {
            var flat: [MailAddress] = []
            let dict = expected as? [String: Any] ?? [:]
            var members: [[String: Any]] = dict["List"] as? [[String: Any]] ?? []
            for group in dict["Group"] as? [[String: Any]] ?? [] {
                members += group["addresses"] as? [[String: Any]] ?? []
            }
            for m in members {
                // mail-parser keeps entries with an address of null (a lone comment in a group); we yield none.
                guard let address = m["address"] as? String else { continue }
                flat.append(MailAddress(name: m["name"] as? String, address: address))
            }
            var defects: [MIMEDefect] = []
            let ours = render(AddressListParser.parse(S.rawValue(header), options: S.options, defects: &defects))
            if ours != render(flat) { mismatches[header] = ours }
        }
        return (entries.count, mismatches)
    }

    static func dateMismatches() throws -> (total: Int, mismatches: [String: String]) {
        var mismatches: [String: String] = [:]
        let entries = try S.corpusEntries("date.json")
        for (header, expected) in entries {
            var want = "nil"
            if let e = expected as? [String: Any] {
                var c = DateComponents()
                c.year = e["year"] as? Int; c.month = e["month"] as? Int; c.day = e["day"] as? Int
                c.hour = e["hour"] as? Int; c.minute = e["minute"] as? Int; c.second = e["second"] as? Int
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "UTC")!
                let local = Int64(calendar.date(from: c)!.timeIntervalSince1970)
                let offset = Int64(((e["tz_hour"] as? Int ?? 0) * 60 + (e["tz_minute"] as? Int ?? 0)) * 60)
                want = String(local + ((e["tz_before_gmt"] as? Bool ?? false) ? offset : -offset))
            }
            let ours = DateParser.epochSeconds(S.rawValue(header)).map(String.init) ?? "nil"
            if ours != want { mismatches[header] = ours }
        }
        return (entries.count, mismatches)
    }

    static func idMismatches() throws -> (total: Int, mismatches: [String: String]) {
        var mismatches: [String: String] = [:]
        let entries = try S.corpusEntries("id.json")
        for (header, expected) in entries {
            let want = (expected as? [String] ?? []).joined(separator: " ")
            var defects: [MIMEDefect] = []
            let ours = MessageIDParser.parseList(S.rawValue(header), defects: &defects).joined(separator: " ")
            if ours != want { mismatches[header] = ours }
        }
        return (entries.count, mismatches)
    }

    static func renderParams(_ p: [String: String]) -> String {
        p.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    static func contentTypeMismatches() throws -> (total: Int, mismatches: [String: String]) {
        var mismatches: [String: String] = [:]
        let entries = try S.corpusEntries("content_type.json")
        for (header, expected) in entries {
            var want = "nil"
            var params: [String: String] = [:]
            if let e = expected as? [String: Any] {
                for pair in e["attributes"] as? [[String]] ?? [] where pair.count == 2 {
                    // mail-parser reports the RFC 2231 language as an extra `name-language` attribute; we drop it.
                    if pair[0].hasSuffix("-language") { continue }
                    if params[pair[0]] == nil { params[pair[0]] = pair[1] }
                }
                let type = (e["c_type"] as? String ?? "").lowercased()
                if let sub = e["c_subtype"] as? String {
                    want = "type \(type)/\(sub.lowercased()) \(renderParams(params))"
                } else {
                    // No subtype: a Content-Disposition value (`inline`, `attachment; filename=..`).
                    want = "disposition \(type) \(renderParams(params))"
                }
            }
            var defects: [MIMEDefect] = []
            let raw = S.rawValue(header)
            var ours = "nil"
            if let ct = ContentTypeParser.parseContentType(raw, options: S.options, defects: &defects) {
                ours = "type \(ct.mimeType) \(renderParams(ct.parameters))"
            } else if want.hasPrefix("disposition"), !header.contains("/"),
                      let cd = ContentTypeParser.parseContentDisposition(raw, options: S.options, defects: &defects) {
                ours = "disposition \(cd.kind) \(renderParams(cd.parameters))"
            }
            if ours != want { mismatches[header] = ours }
        }
        return (entries.count, mismatches)
    }

    static func unstructuredMismatches() throws -> (total: Int, mismatches: [String: String]) {
        var mismatches: [String: String] = [:]
        let entries = try S.corpusEntries("unstructured.json")
        for (header, expected) in entries {
            var defects: [MIMEDefect] = []
            let ours = HeaderText.unstructured(S.rawValue(header), options: S.options, defects: &defects)
            if ours != (expected as? String ?? "") { mismatches[header] = ours }
        }
        return (entries.count, mismatches)
    }

    // Where we deliberately differ from mail-parser: header → what we return (rendered as above).
    static let addressDifferences: [String: String] = [
        // Display names are trimmed and their blanks collapsed, also inside quotes.
        "\"  James Smythe\" <james@example.com>, Friends:\n  jane@example.com, =?UTF-8?Q?John_Sm=C3=AEth?=\n   <john@example.com>;\n":
            "James Smythe|james@example.com; nil|jane@example.com; John Smîth|john@example.com",
        // Blanks around `.` in an address (obs-domain) are removed: the address must compare equal to the real one.
        "John Doe <jdoe@machine(comment).  example>\n": "John Doe (comment)|jdoe@machine.example",
        // Likewise, and the obsolete source route is dropped (RFC 5322 §4.4: it is to be ignored).
        "Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example\n":
            "Mary Smith|mary@example.net; nil|jdoe@test.example",
    ]

    static let dateDifferences: [String: String] = [
        // mail-parser reads six bare numbers as a date; there is no time-of-day here, so we return nil.
        " 4 8 15 16 23 42, 4 8 15 16 23 42, 4 8 15 16 23 42, ": "nil",
    ]

    static let contentTypeDifferences: [String: String] = [
        // A type without subtype is unreadable for us (nil + malformedContentType; the body half uses text/plain).
        "test/\n": "nil", "text/\n": "nil", "text/ ;charset=us-ascii\n": "nil", "text/;charset=us-ascii\n": "nil",
        // Only well-formed RFC 2231 names (`name*`, `name*N`, `name*N*`) are read; mail-parser guesses at the rest.
        "malicious/attempt; 1*2*=a; 3**=b; 4***=c; *5**6*=d;*****7*8*=e; 9*10*11*12*13*14=f; 15*x***fff*===g;1 * 999999999999999999 *= h; 18 *=*=*=*=*==i;\n":
            "type malicious/attempt 1=a",
    ]

    @Test("address.json: every entry matches, except the documented differences")
    func addresses() throws {
        let (total, mismatches) = try Self.addressMismatches()
        #expect(total == 60)
        #expect(mismatches == Self.addressDifferences)
    }

    @Test("date.json: every entry matches, except the documented differences")
    func dates() throws {
        let (total, mismatches) = try Self.dateMismatches()
        #expect(total == 40)
        #expect(mismatches == Self.dateDifferences)
    }

    @Test("id.json: every entry matches")
    func messageIDs() throws {
        let (total, mismatches) = try Self.idMismatches()
        #expect(total == 11)
        #expect(mismatches.isEmpty)
    }

    @Test("content_type.json: every entry matches, except the documented differences")
    func contentTypes() throws {
        let (total, mismatches) = try Self.contentTypeMismatches()
        #expect(total == 103)
        #expect(mismatches == Self.contentTypeDifferences)
    }

    @Test("unstructured.json: every entry matches")
    func unstructured() throws {
        let (total, mismatches) = try Self.unstructuredMismatches()
        #expect(total == 30)
        #expect(mismatches.isEmpty)
    }
}
