#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The header fields of one entity and where its body starts.
///
/// `fields` is empty both when the bytes do not start with a header field (then a `noHeaderBlock` defect was
/// recorded and `bodyStart` is the start of the range) and when the entity starts with its empty line (a MIME part
/// with default headers: no defect, `bodyStart` after that line). A top-level message with no fields is unparseable.
struct HeaderBlock: Sendable {
    var fields: [HeaderField]
    /// Index in the message bytes of the first body byte (after the blank line), or the end of the range.
    var bodyStart: Int

    /// The first field of that name (ASCII case-insensitive).
    func first(_ name: String) -> HeaderField? {
        for field in fields where ASCII.equalsIgnoringCase(field.name, name) { return field }
        return nil
    }

    /// All fields of that name, in order.
    func all(_ name: String) -> [HeaderField] { fields.filter { ASCII.equalsIgnoringCase($0.name, name) } }
}

/// RFC 5322 §2.2 header block: fields up to the first empty line; unfolding is left to the value readers.
///
/// `rawValue` of each field runs from after the colon to the end of its last line, without that line's CRLF/LF
/// but with every folding CRLF + WSP inside it.
enum HeaderBlockParser {
    /// RFC 5322 §2.2:  header-field = field-name ":" unstructured CRLF ; field-name = 1*ftext
    ///                 ftext = %d33-57 / %d59-126
    /// RFC 5322 §4.5.1 (obsolete): obs-optional = field-name *WSP ":" unstructured CRLF
    ///
    /// A line inside the block that is neither a field nor a continuation (no colon): when the next line is a field,
    /// the stray line is skipped (as mail-parser does: one broken line must not lose `From`/`To` below it); otherwise
    /// the block ends there and that line is the first body line (as Python's email and MimeKit do when the blank
    /// separator is missing). Both record `malformedHeaderLine`.
    static func parse(_ bytes: [UInt8], in range: Range<Int>, options: MIMEParser.Options,
                      defects: inout [MIMEDefect]) -> HeaderBlock {
        bytes.withUnsafeBufferPointer { p in
            parse(p, range: range, options: options, defects: &defects, base: bytes)
        }
    }

    private static func parse(_ p: UnsafeBufferPointer<UInt8>, range: Range<Int>, options: MIMEParser.Options,
                              defects: inout [MIMEDefect], base: [UInt8]) -> HeaderBlock {
        let end = min(range.upperBound, p.count)
        var i = max(range.lowerBound, 0)
        var fields: [HeaderField] = []
        fields.reserveCapacity(24)

        // An mbox "From " separator line before the first field is tolerated (RFC 4155).
        if end - i >= 5, p[i] == 0x46, p[i + 1] == 0x72, p[i + 2] == 0x6F, p[i + 3] == 0x6D, p[i + 4] == ASCII.space {
            i = nextLineStart(p, from: i, end: end)
        }
        if i < end, p[i] == ASCII.lf { return HeaderBlock(fields: [], bodyStart: i + 1) }
        if i + 1 < end, p[i] == ASCII.cr, p[i + 1] == ASCII.lf { return HeaderBlock(fields: [], bodyStart: i + 2) }
        guard fieldNameEnd(p, at: i, end: end) != nil else {
            defects.append(.noHeaderBlock)
            return HeaderBlock(fields: [], bodyStart: range.lowerBound)
        }

        var reportedCount = false, reportedLine = false
        while i < end {
            // The empty line ends the block.
            if p[i] == ASCII.lf { return HeaderBlock(fields: fields, bodyStart: i + 1) }
            if p[i] == ASCII.cr, i + 1 < end, p[i + 1] == ASCII.lf {
                return HeaderBlock(fields: fields, bodyStart: i + 2)
            }
            guard let (nameEnd, colon) = fieldNameEnd(p, at: i, end: end) else {
                if !reportedLine { defects.append(.malformedHeaderLine); reportedLine = true }
                let next = nextLineStart(p, from: i, end: end)
                if next < end, fieldNameEnd(p, at: next, end: end) != nil {
                    i = next
                    continue
                }
                return HeaderBlock(fields: fields, bodyStart: i)
            }
            let (valueEnd, next) = fieldEnd(p, from: colon + 1, end: end)
            if next - range.lowerBound > options.maxHeaderBytes {
                defects.append(.headerBlockTooLarge)
                return HeaderBlock(fields: fields, bodyStart: i)
            }
            if fields.count < options.maxHeaderCount {
                let name = String(decoding: UnsafeBufferPointer(rebasing: p[i..<nameEnd]), as: UTF8.self)
                fields.append(HeaderField(name: name, rawValue: base[(colon + 1)..<valueEnd]))
            } else if !reportedCount {
                defects.append(.tooManyHeaderFields)
                reportedCount = true
            }
            i = next
        }
        return HeaderBlock(fields: fields, bodyStart: end)
    }

    /// If a field starts at `i`, the end of its name and the index of its colon.
    @inline(__always)
    private static func fieldNameEnd(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (Int, Int)? {
        var j = i
        // ftext, plus 8-bit bytes: broken mailers write them and nothing is gained by refusing the field.
        while j < end, p[j] > ASCII.space, p[j] != ASCII.colon, p[j] != 0x7F { j += 1 }
        guard j > i else { return nil }
        var k = j
        while k < end, ASCII.isWSP(p[k]) { k += 1 }
        guard k < end, p[k] == ASCII.colon else { return nil }
        return (j, k)
    }

    /// End of the value starting at `from` (before the CRLF/LF ending its last line) and the start of the next line.
    @inline(__always)
    private static func fieldEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> (Int, Int) {
        var j = from
        while true {
            guard let lf = indexOfLF(p, from: j, end: end) else { return (end, end) }
            let next = lf + 1
            if next < end, ASCII.isWSP(p[next]) {
                j = next
                continue
            }
            let valueEnd = lf > from && p[lf - 1] == ASCII.cr ? lf - 1 : lf
            return (valueEnd, next)
        }
    }

    @inline(__always)
    private static func nextLineStart(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int {
        guard let lf = indexOfLF(p, from: from, end: end) else { return end }
        return lf + 1
    }

    @inline(__always)
    private static func indexOfLF(_ p: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        guard from < end, let base = p.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(ASCII.lf), end - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
}
