import Foundation
import Testing
@testable import MailMIME

private func decode(_ text: String, _ encoding: TransferEncoding) -> (String, [MIMEDefect]) {
    var defects: [MIMEDefect] = []
    let bytes = Array(text.utf8)
    let out = BodyDecoder.decode(bytes, bytes.indices, encoding: encoding, defects: &defects)
    var sizeDefects: [MIMEDefect] = []
    let size = BodyDecoder.decodedSize(bytes, bytes.indices, encoding: encoding, defects: &sizeDefects)
    #expect(size == out.count, "counting and decoding agree")
    return (String(decoding: out, as: UTF8.self), defects)
}

@Suite("RFC 2045 §6.8 base64")
struct Base64Tests {
    @Test(arguments: [
        ("SGVsbG8sIHdvcmxkIQ==", "Hello, world!"),
        ("SGVs\r\nbG8s\r\nIHdv\r\ncmxk\r\nIQ==\r\n", "Hello, world!"),
        ("SGVsbG8sIHdvcmxkIQ", "Hello, world!"), // missing padding
        ("SGVsbG8s=IHdvcmxkIQ==", "Hello, world!"), // stray "=" between quanta
        ("YQ==YQ==", "aa"), // concatenated blocks
        ("", ""),
    ])
    func decodesWellFormedAndForgivable(input: String, expected: String) {
        let (out, defects) = decode(input, .base64)
        #expect(out == expected)
        #expect(defects.isEmpty)
    }

    @Test func junkCharactersAreSkippedWithDefect() {
        let (out, defects) = decode("SGVs*bG8s!IHdv\u{7}cmxkIQ==", .base64)
        #expect(out == "Hello, world!")
        #expect(defects == [.invalidBase64])
    }

    @Test func danglingSingleCharacterIsDropped() {
        let (out, defects) = decode("YWJjZA==Q", .base64)
        #expect(out == "abcd")
        #expect(defects == [.invalidBase64])
    }

    @Test func countingLargeInputMatchesDecodingAcrossChunks() {
        let raw = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let encoded = Array(Data(raw).base64EncodedString(options: .lineLength76Characters).utf8)
        var defects: [MIMEDefect] = []
        let decoded = BodyDecoder.decode(encoded, encoded.indices, encoding: .base64, defects: &defects)
        #expect(decoded == raw)
        #expect(BodyDecoder.decodedSize(encoded, encoded.indices, encoding: .base64, defects: &defects) == raw.count)
        #expect(defects.isEmpty)
    }
}

@Suite("RFC 2045 §6.7 quoted-printable")
struct QuotedPrintableTests {
    @Test(arguments: [
        ("caf=C3=A9", "café"),
        ("caf=c3=a9", "café"), // lower-case hex accepted
        ("soft=\r\nbreak", "softbreak"),
        ("soft=\nbreak", "softbreak"),
        ("soft=  \r\nbreak", "softbreak"), // blanks after the soft break "="
        ("trailing   \r\nline", "trailing\r\nline"), // rule 3: trailing blanks are padding
        ("kept=20\r\n", "kept \r\n"), // an encoded blank is not padding
        ("end=", "end"),
        ("a=3Db", "a=b"),
    ])
    func decodes(input: String, expected: String) {
        let (out, defects) = decode(input, .quotedPrintable)
        #expect(out == expected)
        #expect(defects.isEmpty)
    }

    @Test(arguments: [("100=%", "100=%"), ("=ZZtop", "=ZZtop"), ("a=4", "a=4"), ("x=\ty", "x=\ty")])
    func badEscapesAreKeptAsWritten(input: String, expected: String) {
        let (out, defects) = decode(input, .quotedPrintable)
        #expect(out == expected)
        #expect(defects == [.invalidQuotedPrintable])
    }
}

@Suite("uuencode (POSIX uudecode)")
struct UUEncodeTests {
    // "Cat" uuencoded by GNU sharutils.
    @Test func decodesBeginEndBlock() {
        let (out, defects) = decode("begin 644 cat.txt\n#0V%T\n`\nend\n", .uuencode)
        #expect(out == "Cat")
        #expect(defects.isEmpty)
    }

    @Test func missingEndIsADefect() {
        let (out, defects) = decode("begin 644 cat.txt\n#0V%T\n", .uuencode)
        #expect(out == "Cat")
        #expect(defects == [.invalidUUEncode])
    }

    @Test func lineClaimingMoreThanItCarriesIsCut() {
        let (out, defects) = decode("begin 644 x\nM0V%T\nend\n", .uuencode)
        #expect(out.utf8.count == 3)
        #expect(defects == [.invalidUUEncode])
    }
}

@Suite("RFC 2045 §6.1 Content-Transfer-Encoding values")
struct TransferEncodingNameTests {
    @Test(arguments: [
        ("base64", TransferEncoding.base64), (" BASE64 ", .base64), ("Quoted-Printable", .quotedPrintable),
        ("7bit", .identity), ("8BIT", .identity), ("binary", .identity), ("", .identity),
        ("x-uuencode", .uuencode), ("uuencode", .uuencode), ("x-gzip64", .unknown), ("\"base64\"", .base64),
        ("base64 (comment)", .base64),
    ])
    func reads(value: String, expected: TransferEncoding) {
        #expect(TransferEncoding(headerValue: Array(value.utf8)[...]) == expected)
    }

    @Test func unknownEncodingIsTakenAsIsWithDefect() {
        let (out, defects) = decode("plain bytes", .unknown)
        #expect(out == "plain bytes")
        #expect(defects == [.unknownTransferEncoding])
    }
}
