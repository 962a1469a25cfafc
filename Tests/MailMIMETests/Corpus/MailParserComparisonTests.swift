import Foundation
import Testing
@testable import MailMIME

/// Our results held against mail-parser's expected JSON for its rfc, malformed and thirdparty messages.
@Suite("Corpus: mail-parser expected results", .enabled(if: TestSupport.corpusExists))
struct MailParserComparisonTests {
    /// Messages where we deliberately see something else than mail-parser, by field, with the reason.
    static let deliberateDifferences: [String: (fields: Set<String>, reason: String)] = {
        let dovecotNesting = "Dovecot's malformed nesting tests: we split on the outer boundary first and take the "
            + "first non-blank inline text/plain as body; mail-parser's JMAP rules file some of these text parts "
            + "as attachments (MimeKit lists only parts marked attachment or named)"
        var table: [String: (fields: Set<String>, reason: String)] = [:]
        for n in ["001", "002", "003", "004", "006", "007", "008", "009", "011", "016"] {
            table["mail-parser/resources/eml/malformed/\(n).eml"] = (["attachments", "text"], dovecotNesting)
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
        mutating func check(_ result: Outcome, _ what: @autoclosure () -> String) {
            compared += 1
            switch result {
            case .equal: matched += 1
            case .explained: explained += 1
            case .different: mismatches.append(what())
            }
        }
        var line: String { explained == 0 ? "\(matched)/\(compared)" : "\(matched)/\(compared) (+\(explained) explained)" }
    }

    enum Outcome { case equal, explained, different }

    @Test func everyMessageParsesWithoutCrash() throws {
        let files = CorpusSupport.mailParserMessages()
        #expect(files.count == 53)
        for file in files { _ = MIMEParser().parse(Array(try Data(contentsOf: file))) }
    }

    @Test(.enabled(if: TestSupport.headerHalfReady))
    func resultsMatchMailParser() throws {
        var subject = Tally(), from = Tally(), to = Tally(), count = Tally(), names = Tally(), text = Tally()
        var htmlTexts = 0
        for file in CorpusSupport.mailParserMessages() {
            let name = CorpusSupport.name(file)
            guard let expected = MailParserExpectation(json: file.deletingPathExtension().appendingPathExtension("json"))
            else { continue }
            let message = MIMEParser().parse(Array(try Data(contentsOf: file)))
            let skip = Self.deliberateDifferences[name]?.fields ?? []
            func ok(_ field: String, _ equal: Bool) -> Outcome {
                equal ? .equal : skip.contains(field) ? .explained : .different
            }

            subject.check(ok("subject", (message.subject ?? "") == (expected.subject ?? "")),
                          "\(name) subject: \(message.subject ?? "nil") ≠ \(expected.subject ?? "nil")")
            from.check(ok("from", message.from.map { $0.address.lowercased() } == expected.from.map { $0.lowercased() }),
                       "\(name) from: \(message.from.map(\.address)) ≠ \(expected.from)")
            to.check(ok("to", message.to.map { $0.address.lowercased() } == expected.to.map { $0.lowercased() }),
                     "\(name) to: \(message.to.map(\.address)) ≠ \(expected.to)")
            count.check(ok("attachments", message.attachments.count == expected.attachmentNames.count),
                        "\(name) attachments: \(message.attachments.map(\.contentType)) ≠ \(expected.attachmentNames.count)")
            names.check(ok("names", message.attachments.compactMap(\.filename) == expected.attachmentNames.compactMap { $0 }),
                        "\(name) names: \(message.attachments.compactMap(\.filename)) ≠ \(expected.attachmentNames.compactMap { $0 })")
            if let plain = expected.plainText {
                text.check(ok("text", CorpusSupport.normalized(message.text) == CorpusSupport.normalized(plain)),
                           "\(name) text: \(CorpusSupport.normalized(message.text).prefix(80)) ≠ \(CorpusSupport.normalized(plain).prefix(80))")
            } else if let words = expected.htmlWords {
                htmlTexts += 1
                text.check(ok("text", CorpusSupport.normalized(message.text) == CorpusSupport.normalized(words)),
                           "\(name) html text: \(CorpusSupport.normalized(message.text).prefix(80)) ≠ \(CorpusSupport.normalized(words).prefix(80))")
            }
        }
        print("mail-parser comparison: subject \(subject.line), from \(from.line), to \(to.line), attachments \(count.line), attachment names \(names.line), body text \(text.line) (\(htmlTexts) of them from HTML, compared by words)")
        for line in subject.mismatches + from.mismatches + to.mismatches + count.mismatches + names.mismatches + text.mismatches {
            print("  mismatch: \(line)")
        }
        // The body half owns attachments and body text: every difference there is either fixed or listed above.
        #expect(count.mismatches.isEmpty)
        #expect(names.mismatches.isEmpty)
        #expect(text.mismatches.isEmpty)
    }
}
