import Foundation
import Testing
@testable import MailMIME

/// Whole header blocks from `Fixtures/mime/headers/*.eml`, each field read by the parser meant for it.
@Suite("Header fixtures")
struct HeaderFixtureTests {
    typealias S = HeaderTestSupport

    struct Read {
        var bytes: [UInt8]
        var block: HeaderBlock
        var defects: [MIMEDefect] = []

        init(_ name: String) throws {
            bytes = try S.fixture(name)
            var d: [MIMEDefect] = []
            block = HeaderBlockParser.parse(bytes, in: 0..<bytes.count, options: S.options, defects: &d)
            defects = d
        }

        mutating func text(_ name: String) -> String? {
            block.first(name).map { HeaderText.unstructured($0.rawValue, options: S.options, defects: &defects) }
        }

        mutating func addresses(_ name: String) -> [String] {
            guard let f = block.first(name) else { return [] }
            return AddressListParser.parse(f.rawValue, options: S.options, defects: &defects)
                .map { "\($0.name ?? "nil")|\($0.address)" }
        }

        mutating func ids(_ name: String) -> [String] {
            guard let f = block.first(name) else { return [] }
            return MessageIDParser.parseList(f.rawValue, defects: &defects)
        }

        func date() -> Date? { block.first("Date").flatMap { DateParser.parse($0.rawValue) } }
    }

    @Test("encoded-headers.eml: encoded words, groups, comments, folded references, RFC 2231 in a part")
    func encodedHeaders() throws {
        var m = try Read("encoded-headers.eml")
        #expect(m.block.fields.count == 12)
        #expect(m.text("Subject") == "Re: Angebot für Order:4711 – Eilig!")
        #expect(m.addresses("From") == ["Anna Müller|anna@kunde.example"])
        #expect(m.addresses("To") == ["Weber, Tom|tom.weber@firma.example", "Jürgen|juergen@firma.example"])
        #expect(m.addresses("Cc") == ["Support (DE) (Hotline)|support@firma.example"])
        #expect(m.ids("Message-ID") == ["20240305081403.GA123@kunde.example"])
        #expect(m.ids("In-Reply-To") == ["abc.1@firma.example"])
        #expect(m.ids("References") == ["root.0@firma.example", "abc.1@firma.example"])
        #expect(m.date() == Date(timeIntervalSince1970: 1_709_626_443))  // 2024-03-05T08:14:03Z
        #expect(m.block.all("Received").count == 1)
        #expect(m.defects.isEmpty)

        var d: [MIMEDefect] = []
        let ct = m.block.first("Content-Type").flatMap { ContentTypeParser.parseContentType($0.rawValue, options: S.options, defects: &d) }
        #expect(ct?.mimeType == "multipart/mixed")
        #expect(ct?.parameters["boundary"] == "----=_Part_7_1.2")

        // The first part's header block starts after the boundary line.
        let boundaryLine = Array("------=_Part_7_1.2\r\n".utf8)
        let start = (m.block.bodyStart...).first { m.bytes[$0...].starts(with: boundaryLine) }! + boundaryLine.count
        let part = HeaderBlockParser.parse(m.bytes, in: start..<m.bytes.count, options: S.options, defects: &d)
        let partType = part.first("content-type").flatMap { ContentTypeParser.parseContentType($0.rawValue, options: S.options, defects: &d) }
        #expect(partType?.parameters["name"] == "Angebot für Kunde.pdf")
        let disposition = part.first("Content-Disposition").flatMap {
            ContentTypeParser.parseContentDisposition($0.rawValue, options: S.options, defects: &d)
        }
        #expect(disposition == ContentDisposition(kind: "attachment", parameters: ["filename": "Angebot für Kunde.pdf"]))
        #expect(String(decoding: m.bytes[part.bodyStart...].prefix(8), as: UTF8.self) == "JVBERi0=")
        #expect(d.isEmpty)
    }

    @Test("broken-headers.eml: mbox line, blank before colon, 8-bit Latin-1, stray line, repairs everywhere")
    func brokenHeaders() throws {
        var m = try Read("broken-headers.eml")
        #expect(m.block.fields.map(\.name) == ["Subject", "From", "To", "Message-ID", "References", "Date", "Content-Type"])
        #expect(m.defects == [.malformedHeaderLine])
        #expect(String(decoding: m.bytes[m.block.bodyStart...], as: UTF8.self) == "Hallo Tom,\nOrder:4711\n")
        #expect(m.text("Subject") == "Rechnung über 100 €")
        #expect(m.addresses("From") == ["André Bläsius|andre@kunde.example"])
        #expect(m.addresses("To") == ["Tom Weber|tom.weber@firma.example", "nil|info@firma.example"])
        #expect(m.ids("Message-ID") == ["20240305.xyz@kunde.example"])
        #expect(m.ids("References") == ["a@x", "b@y", "c@z"])
        #expect(m.date() == Date(timeIntervalSince1970: 1_709_630_043))  // 2024-03-05T09:14:03Z, no zone = UTC
        #expect(m.defects == [.malformedHeaderLine, .nonUTF8Header, .nonUTF8Header, .malformedAddress,
                              .malformedAddress, .malformedMessageID, .malformedMessageID])
        var d: [MIMEDefect] = []
        let ct = m.block.first("Content-Type").flatMap { ContentTypeParser.parseContentType($0.rawValue, options: S.options, defects: &d) }
        #expect(ct == ContentType(type: "text", subtype: "plain", parameters: ["charset": "latin1", "format": "flowed"]))
    }

    @Test("no-header-block.eml: text without any field is noHeaderBlock, body from the first byte")
    func noHeaderBlock() throws {
        let m = try Read("no-header-block.eml")
        #expect(m.block.fields.isEmpty)
        #expect(m.block.bodyStart == 0)
        #expect(m.defects == [.noHeaderBlock])
    }
}
