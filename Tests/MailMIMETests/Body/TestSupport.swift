import Foundation
import TestSupport
@testable import MailMIME

/// Paths and helpers shared by the body-half tests.
enum TestSupport {
    /// The repository root, found from this file's path (Tests/MailMIMETests/Body/TestSupport.swift).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repoRoot.appendingPathComponent("Fixtures/mime")
    /// `../shared/corpus` beside the package (see `SharedCorpus`: skipped locally without it, a failure under CI).
    static let corpus = SharedCorpus.root

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
