import Foundation
@testable import MailMIME

/// Paths and helpers shared by the body-half tests.
enum TestSupport {
    /// The repository root, found from this file's path (Tests/MailMIMETests/Body/TestSupport.swift).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repoRoot.appendingPathComponent("Fixtures/mime")
    /// `../shared/corpus` beside the repository (absent on machines without the shared corpus).
    static let corpus = repoRoot.appendingPathComponent("../shared/corpus").standardizedFileURL
    static let corpusExists = FileManager.default.fileExists(atPath: corpus.path)

    /// True once the header half parses `Content-Type` parameters (the stubs it replaces do not); end-to-end
    /// multipart tests need it.
    static let headerHalfReady: Bool = {
        var defects: [MIMEDefect] = []
        let type = ContentTypeParser.parseContentType(Array("multipart/mixed; boundary=\"x\"".utf8)[...],
                                                      options: MIMEParser.Options(), defects: &defects)
        return type?.parameters["boundary"] == "x"
    }()

    /// True once the header half decodes charsets (iconv) and RFC 2047 words.
    static let charsetsReady: Bool = {
        var defects: [MIMEDefect] = []
        let latin1 = CharsetDecoder.decode([0xE9][...], charset: "iso-8859-1", options: MIMEParser.Options(),
                                           defects: &defects)
        let word = HeaderText.unstructured(Array(" =?utf-8?q?caf=C3=A9?=".utf8)[...], options: MIMEParser.Options(),
                                           defects: &defects)
        return latin1 == "é" && word == "café"
    }()

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// Parses a message given as text; `\n` becomes CRLF unless `crlf` is false.
    static func parse(_ text: String, crlf: Bool = true, options: MIMEParser.Options = MIMEParser.Options())
        -> ParsedMessage
    {
        let source = crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
        return MIMEParser(options: options).parse(Array(source.utf8))
    }
}
