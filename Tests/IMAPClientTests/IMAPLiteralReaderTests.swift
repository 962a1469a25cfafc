import CRMCore
import Testing

@testable import IMAPClient

/// The reader under `PeekConnection`: literals by count, wherever the bytes are cut; bounds before allocating.
@Suite struct IMAPLiteralReaderTests {
    typealias Line = IMAPLiteralReader.Line

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Feeds `input` cut at `cuts` and returns every line read.
    func lines(_ input: [UInt8], cuts: [Int], maxLiteral: Int = 1 << 20) throws -> [Line] {
        var reader = IMAPLiteralReader(maxLiteral: maxLiteral)
        var result: [Line] = []
        var from = 0
        for cut in cuts + [input.count] where cut >= from {
            reader.feed(input[from..<cut])
            from = cut
            while let line = try reader.nextLine() { result.append(line) }
        }
        return result
    }

    /// A FETCH whose literal holds lines that look like tagged replies and literal announcements, then a tagged OK.
    static let hostileBody = "P1 OK done\r\nA001 OK\r\n* 1 FETCH (UID 1 BODY[] {5}\r\n{5}\r\nP2 NO x\r\n"
    var fetchAnswer: [UInt8] {
        bytes("* 1 FETCH (UID 7 BODY[] {\(Self.hostileBody.utf8.count)}\r\n\(Self.hostileBody))\r\nP2 OK done\r\n")
    }

    var expected: [Line] {
        [Line(texts: [bytes("* 1 FETCH (UID 7 BODY[] {\(Self.hostileBody.utf8.count)}"), bytes(")")],
              literals: [bytes(Self.hostileBody)]),
         Line(texts: [bytes("P2 OK done")], literals: [])]
    }

    @Test("A literal is read by count wherever the bytes are cut: every single cut, and byte by byte")
    func literalSplitAcrossReads() throws {
        let input = fetchAnswer
        #expect(try lines(input, cuts: []) == expected)
        for cut in 0...input.count {
            #expect(try lines(input, cuts: [cut]) == expected, "cut at \(cut)")
        }
        #expect(try lines(input, cuts: Array(0...input.count)) == expected)
    }

    @Test("{N+} (LITERAL+) is a literal too; several literals in one line; a bare {5} inside a literal is content")
    func literalPlusAndSeveral() throws {
        let input = bytes("* 2 FETCH (UID 3 BODY[HEADER] {4+}\r\n{5}\r BODY[TEXT] {0}\r\n)\r\nP9 OK\r\n")
        let read = try lines(input, cuts: [7, 40])
        #expect(read == [
            Line(texts: [bytes("* 2 FETCH (UID 3 BODY[HEADER] {4+}"), bytes(" BODY[TEXT] {0}"), bytes(")")],
                 literals: [bytes("{5}\r"), []]),
            Line(texts: [bytes("P9 OK")], literals: []),
        ])
    }

    @Test("A tagged NO after untagged lines is a line of its own, matched by our tag only")
    func taggedNo() throws {
        let read = try lines(bytes("* 1 EXISTS\r\nP10 NO [TRYCREATE] no such mailbox\r\n"), cuts: [3])
        #expect(read.count == 2)
        #expect(PeekConnection.status(of: read[1], tag: "P10") == "NO")
        #expect(PeekConnection.status(of: read[1], tag: "P1") == nil)
        #expect(PeekConnection.status(of: read[0], tag: "P10") == nil)
        // In the hostile answer, only the real tagged line is the reply of P2.
        let hostile = try lines(fetchAnswer, cuts: [])
        #expect(hostile.map { PeekConnection.status(of: $0, tag: "P2") } == [nil, "OK"])
        #expect(PeekConnection.item(Array("BODY[]".utf8), of: MessageUID(7), in: hostile[0]) == bytes(Self.hostileBody))
        #expect(PeekConnection.item(Array("BODY[]".utf8), of: MessageUID(8), in: hostile[0]) == nil)
    }

    @Test("§12 a literal announced over the bound fails before it is read; one at the bound is read")
    func literalOverBound() throws {
        let input = bytes("* 1 FETCH (UID 1 BODY[] {1001}\r\n")
        #expect(throws: IMAPResponseTooLarge(part: .literal, announced: 1001, limit: 1000)) {
            try lines(input, cuts: [], maxLiteral: 1000)
        }
        // A number no size could be is refused as well, not overflowed.
        #expect(throws: IMAPResponseTooLarge.self) {
            try lines(bytes("* 1 FETCH (UID 1 BODY[] {99999999999999999999999}\r\n"), cuts: [], maxLiteral: 1000)
        }
        let exact = try lines(bytes("* 1 FETCH (UID 1 BODY[] {3}\r\nabc)\r\n"), cuts: [], maxLiteral: 3)
        #expect(exact.first?.literals == [bytes("abc")])
    }

    @Test("§12 a line that never ends fails at the bound of a line")
    func endlessLine() throws {
        var reader = IMAPLiteralReader(maxLiteral: 100, maxLineText: 64)
        reader.feed(bytes("* OK " + String(repeating: "x", count: 50)))
        #expect(try reader.nextLine() == nil)
        reader.feed(bytes(String(repeating: "y", count: 50)))
        #expect(throws: IMAPResponseTooLarge(part: .line, announced: nil, limit: 64)) { try reader.nextLine() }
    }

    @Test("Past literalKept the literal is read and dropped: the line after it is intact")
    func keptPrefix() throws {
        var reader = IMAPLiteralReader(maxLiteral: .max)
        reader.literalKept = 4
        reader.feed(bytes("* 1 FETCH (UID 1 BODY[HEADER] {10}\r\n0123456789)\r\nP1 OK\r\n"))
        #expect(try reader.nextLine()?.literals == [bytes("0123")])
        #expect(try reader.nextLine()?.texts == [bytes("P1 OK")])
    }
}
