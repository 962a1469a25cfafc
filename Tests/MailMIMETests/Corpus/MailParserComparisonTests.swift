import Foundation
import Testing
import TestSupport
@testable import MailMIME

/// Our results held against mail-parser's expected JSON for its rfc, malformed and thirdparty messages.
@Suite("Corpus: mail-parser expected results",
        .enabled(if: Prerequisite.met(SharedCorpus.isAvailable), "needs the shared corpus (../shared/corpus)"))
struct MailParserComparisonTests {
    init() throws { try SharedCorpus.require() }

    /// Messages where we deliberately see something else than mail-parser, by field, with the reason.
    static let deliberateDifferences: [String: (fields: Set<String>, reason: String)] = {
        let dovecotNesting = "Dovecot's malformed nesting tests: we split on the outer boundary first and take the "
            + "first non-blank inline text/plain as body; mail-parser's JMAP rules file some of these text parts "
            + "as attachments (MimeKit lists only parts marked attachment or named)"
        var table: [String: (fields: Set<String>, reason: String)] = [:]
        for n in ["001", "002", "003", "004", "006", "007", "008", "009", "011", "016"] {
            table["mail-parser/resources/eml/malformed/\(n).eml"] = (n == "001" ? ["attachments", "text"] : ["attachments"],
                                                                     dovecotNesting)
        }
        table["mail-parser/resources/eml/malformed/005.eml"] = (["text"],
            "'--a----' is the close delimiter of boundary 'a--' (RFC 2046 §5.1.1, as Python's feedparser reads it); "
            + "mail-parser reads it as a delimiter of the inner boundary 'a----'")
        table["mail-parser/resources/eml/malformed/012.eml"] = (["attachments"],
            "three embedded messages: mail-parser loses the third after the unclosed inner multipart")
        table["mail-parser/resources/eml/thirdparty/015.eml"] = (["attachments", "names"],
            "three message/rfc822 parts with truncated inner headers: mail-parser lets the first swallow the others; "
            + "we cut on the outer boundary first")
        table["mail-parser/resources/eml/thirdparty/002.eml"] = (["attachments"],
            "a third inline text/plain whose base64 is garbage: mail-parser makes it an attachment, we leave "
            + "unnamed inline text parts out of the attachments")
        table["mail-parser/resources/eml/malformed/019.eml"] = (["text"],
            "fuzzed message: mail-parser's first text body is an empty part; a blank text/plain gives way to text")
        for n in ["020", "021"] {
            table["mail-parser/resources/eml/malformed/\(n).eml"] = (["text"],
                "two Content-Type fields: the first counts (as in Python and GMime); mail-parser takes the last")
        }
        return table
    }()

    struct Tally {
        var compared = 0
        var matched = 0
        var explained = 0
        var mismatches: [String] = []
        /// "file field" of every difference the table above explained.
        var explainedKeys: Set<String> = []
        mutating func check(_ result: Outcome, _ key: String, _ what: @autoclosure () -> String) {
            compared += 1
            switch result {
            case .equal: matched += 1
            case .explained: explained += 1; explainedKeys.insert(key)
            case .different: mismatches.append(what())
            }
        }
        var line: String { explained == 0 ? "\(matched)/\(compared)" : "\(matched)/\(compared) (+\(explained) explained)" }
    }

    enum Outcome { case equal, explained, different }

    /// Every message gives a result, and the same one twice; none loses its header block without saying so.
    @Test func everyMessageParsesRepeatably() throws {
        let files = CorpusSupport.mailParserMessages()
        #expect(files.count == 53)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let message = MIMEParser().parse(bytes)
            #expect(MIMEParser().parse(bytes) == message, "\(CorpusSupport.name(file))")
            #expect(!message.headers.isEmpty || message.defects.contains(.noHeaderBlock), "\(CorpusSupport.name(file))")
        }
    }

    @Test
    func resultsMatchMailParser() throws {
        var subject = Tally(), from = Tally(), to = Tally(), count = Tally(), names = Tally(), text = Tally()
        var htmlTexts = 0
        let files = CorpusSupport.mailParserMessages()
        for file in files {
            let name = CorpusSupport.name(file)
            let expected = try #require(
                MailParserExpectation(json: file.deletingPathExtension().appendingPathExtension("json")),
                "\(name): mail-parser's expected result is missing or unreadable")
            let message = MIMEParser().parse(Array(try Data(contentsOf: file)))
            let skip = Self.deliberateDifferences[name]?.fields ?? []
            func ok(_ field: String, _ equal: Bool) -> Outcome {
                equal ? .equal : skip.contains(field) ? .explained : .different
            }

            subject.check(ok("subject", (message.subject ?? "") == (expected.subject ?? "")), "\(name) subject",
                          "\(name) subject: \(message.subject ?? "nil") ≠ \(expected.subject ?? "nil")")
            from.check(ok("from", message.from.map { $0.address.lowercased() } == expected.from.map { $0.lowercased() }), "\(name) from",
                       "\(name) from: \(message.from.map(\.address)) ≠ \(expected.from)")
            to.check(ok("to", message.to.map { $0.address.lowercased() } == expected.to.map { $0.lowercased() }), "\(name) to",
                     "\(name) to: \(message.to.map(\.address)) ≠ \(expected.to)")
            count.check(ok("attachments", message.attachments.count == expected.attachmentNames.count), "\(name) attachments",
                        "\(name) attachments: \(message.attachments.map(\.contentType)) ≠ \(expected.attachmentNames.count)")
            names.check(ok("names", message.attachments.compactMap(\.filename) == expected.attachmentNames.compactMap { $0 }), "\(name) names",
                        "\(name) names: \(message.attachments.compactMap(\.filename)) ≠ \(expected.attachmentNames.compactMap { $0 })")
            if let plain = expected.plainText {
                text.check(ok("text", CorpusSupport.normalized(message.text) == CorpusSupport.normalized(plain)), "\(name) text",
                           "\(name) text: \(CorpusSupport.normalized(message.text).prefix(80)) ≠ \(CorpusSupport.normalized(plain).prefix(80))")
            } else if let words = expected.htmlWords {
                htmlTexts += 1
                text.check(ok("text", CorpusSupport.normalized(message.text) == CorpusSupport.normalized(words)), "\(name) text",
                           "\(name) html text: \(CorpusSupport.normalized(message.text).prefix(80)) ≠ \(CorpusSupport.normalized(words).prefix(80))")
            }
        }
        print("mail-parser comparison: subject \(subject.line), from \(from.line), to \(to.line), attachments \(count.line), attachment names \(names.line), body text \(text.line) (\(htmlTexts) of them from HTML, compared by words)")
        for line in subject.mismatches + from.mismatches + to.mismatches + count.mismatches + names.mismatches + text.mismatches {
            print("  mismatch: \(line)")
        }
        // What was compared: every message, every field (a comparison of nothing must fail, not pass).
        #expect(files.count == 53)
        for tally in [subject, from, to, count, names] { #expect(tally.compared == files.count) }
        #expect(text.compared == 42, "messages where mail-parser found a text body")
        #expect(htmlTexts == 2)
        // Headers: subjects all agree; addresses in all but the two messages whose lone words we read as addresses
        // (see MailParserMessageCorpusTests.differences).
        #expect(subject.mismatches.isEmpty)
        #expect(from.matched == 51 && to.matched == 51)
        #expect(from.mismatches == ["mail-parser/resources/eml/rfc/001.eml from: [\"Whomever\"] ≠ []",
                                    "mail-parser/resources/eml/rfc/004.eml from: [\"Moderator-Address\"] ≠ []"])
        #expect(to.mismatches == ["mail-parser/resources/eml/rfc/001.eml to: [\"Someone\"] ≠ []",
                                  "mail-parser/resources/eml/rfc/004.eml to: [\"Recipient-List\"] ≠ []"])
        // The body half owns attachments and body text: every difference there is either fixed or listed above,
        // and every entry of the list is a difference still seen (a stale entry would hide a future regression).
        #expect(count.mismatches.isEmpty)
        #expect(names.mismatches.isEmpty)
        #expect(text.mismatches.isEmpty)
        let declared = Set(Self.deliberateDifferences.flatMap { name, entry in entry.fields.map { "\(name) \($0)" } })
        let seen = subject.explainedKeys.union(from.explainedKeys).union(to.explainedKeys).union(count.explainedKeys)
            .union(names.explainedKeys).union(text.explainedKeys)
        #expect(seen == declared, "declared but not seen: \(declared.subtracting(seen).sorted())")
    }
}
