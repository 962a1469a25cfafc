import Testing
@testable import MailMIME

private func split(_ body: String, boundary: String = "b", maxParts: Int = 100) -> ([String], MultipartSplitter.Result) {
    let bytes = Array(body.utf8)
    let result = MultipartSplitter.split(bytes, bytes.indices, boundary: Array(boundary.utf8), maxParts: maxParts)
    return (result.parts.map { String(decoding: bytes[$0], as: UTF8.self) }, result)
}

@Suite("RFC 2046 §5.1.1 multipart body delimiters")
struct MultipartSplitterTests {
    @Test func crlfPartsPreambleAndEpilogueIgnored() {
        let (parts, r) = split("preamble\r\n--b\r\none\r\n--b\r\ntwo\r\n--b--\r\nepilogue\r\n")
        #expect(parts == ["one", "two"])
        #expect(r.closed)
    }

    @Test func bareLFLineEnds() {
        let (parts, r) = split("--b\none\n--b\ntwo\n--b--\n")
        #expect(parts == ["one", "two"])
        #expect(r.closed)
    }

    @Test func delimiterAtVeryStartOfBody() {
        let (parts, _) = split("--b\r\nonly\r\n--b--")
        #expect(parts == ["only"])
    }

    @Test func transportPaddingAfterBoundary() {
        let (parts, r) = split("--b  \t\r\none\r\n--b \r\ntwo\r\n--b--  \r\n")
        #expect(parts == ["one", "two"])
        #expect(r.closed)
    }

    @Test func missingCloseDelimiterRunsToEnd() {
        let (parts, r) = split("--b\r\none\r\n--b\r\ntwo\r\n")
        #expect(parts == ["one", "two\r\n"])
        #expect(!r.closed)
        #expect(r.foundBoundary)
    }

    @Test func boundaryThatIsAPrefixOfAnotherIsNotMatched() {
        let (parts, _) = split("--b\r\n--bc\r\ninner\r\n--bc--\r\n--b--\r\n")
        #expect(parts == ["--bc\r\ninner\r\n--bc--"])
    }

    @Test func lineMerelyStartingWithBoundaryIsContent() {
        let (parts, _) = split("--b\r\n--b is not a delimiter here\r\n--b--\r\n")
        #expect(parts == ["--b is not a delimiter here"])
    }

    @Test func emptyPartsAndNoBoundary() {
        #expect(split("--b\r\n--b--").0 == [""])
        let (parts, r) = split("no delimiters at all")
        #expect(parts.isEmpty)
        #expect(!r.foundBoundary)
    }

    @Test func partLimitTruncates() {
        let (parts, r) = split("--b\r\n1\r\n--b\r\n2\r\n--b\r\n3\r\n--b--", maxParts: 2)
        #expect(parts == ["1", "2"])
        #expect(r.truncated)
    }
}
