import Foundation
import TestSupport
@testable import MailMIME

/// Helpers shared by the header suites: raw values built the way the header block parser hands them out.
enum HeaderTestSupport {
    /// The repository root, from this file's path (Tests/MailMIMETests/Headers/…).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `mail-parser/resources` of the shared corpus (`SharedCorpus`).
    static let mailParserResources: URL = SharedCorpus.root.appendingPathComponent("mail-parser/resources")

    /// The entries of one corpus JSON file: (`header`, `expected`).
    static func corpusEntries(_ file: String) throws -> [(header: String, expected: Any)] {
        let data = try Data(contentsOf: mailParserResources.appendingPathComponent(file))
        let list = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [[String: Any]] ?? []
        return list.map { ($0["header"] as? String ?? "", $0["expected"] ?? NSNull()) }
    }

    /// The raw value of `X-Test:` + `header`, cut by the header block parser (so a value ends where its field does).
    static func rawValue(_ header: String) -> ArraySlice<UInt8> {
        let bytes = Array(("X-Test:" + header).utf8)
        var defects: [MIMEDefect] = []
        let block = HeaderBlockParser.parse(bytes, in: 0..<bytes.count, options: MIMEParser.Options(), defects: &defects)
        return block.fields.first?.rawValue ?? []
    }

    static func bytes(_ s: String) -> ArraySlice<UInt8> { Array(s.utf8)[...] }

    static let options = MIMEParser.Options()

    /// The fixture file `Fixtures/mime/headers/NAME` as bytes.
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repoRoot.appendingPathComponent("Fixtures/mime/headers").appendingPathComponent(name)))
    }
}
