import Foundation
@testable import MailMIME

/// Files of the shared corpus (never copied into the repository).
enum CorpusSupport {
    static let mailParserEML = TestSupport.corpus.appendingPathComponent("mail-parser/resources/eml")
    static let mimeKit = TestSupport.corpus.appendingPathComponent("MimeKit")

    /// Every `.eml` of mail-parser's rfc, malformed and thirdparty folders, sorted.
    static func mailParserMessages() -> [URL] {
        ["rfc", "malformed", "thirdparty"].flatMap { folder -> [URL] in
            let dir = mailParserEML.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { $0.hasSuffix(".eml") }.sorted().map { dir.appendingPathComponent($0) }
        }
    }

    /// Every regular file under MimeKit's test data (messages, mbox, partial, the benchmark message).
    static func mimeKitFiles() -> [URL] {
        guard let walker = FileManager.default.enumerator(at: mimeKit, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .filter { !$0.lastPathComponent.hasSuffix(".json") }
            .sorted { $0.path < $1.path }
    }

    /// Whitespace runs collapsed to one space, ends trimmed: body texts compare on words, not layout.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{0}" }).joined(separator: " ")
    }

    /// Short corpus-relative name for messages and reports.
    static func name(_ url: URL) -> String {
        url.path.replacingOccurrences(of: TestSupport.corpus.path + "/", with: "")
    }
}
