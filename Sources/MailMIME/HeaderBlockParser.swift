// STUB (owned by the header half of the parser): replace wholesale.

/// The header fields of one entity and where its body starts.
struct HeaderBlock: Sendable {
    var fields: [HeaderField]
    /// Index in the message bytes of the first body byte (after the blank line), or the end of the range.
    var bodyStart: Int

    /// The first field of that name (ASCII case-insensitive).
    func first(_ name: String) -> HeaderField? { fields.first { $0.hasName(name) } }
    /// All fields of that name, in order.
    func all(_ name: String) -> [HeaderField] { fields.filter { $0.hasName(name) } }
}

/// RFC 5322 §2.2 header block: fields up to the first empty line, unfolding left to the value readers.
enum HeaderBlockParser {
    static func parse(_ bytes: [UInt8], in range: Range<Int>, options: MIMEParser.Options,
                      defects: inout [MIMEDefect]) -> HeaderBlock {
        var fields: [HeaderField] = []
        var i = range.lowerBound
        while i < range.upperBound {
            var lineEnd = i
            while lineEnd < range.upperBound && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let next = min(lineEnd + 1, range.upperBound)
            let line = bytes[i..<lineEnd]
            if line.isEmpty || line == [0x0D] { return HeaderBlock(fields: fields, bodyStart: next) }
            if let colon = line.firstIndex(of: 0x3A) {
                fields.append(HeaderField(name: String(decoding: bytes[i..<colon], as: UTF8.self),
                                          rawValue: bytes[(colon + 1)..<lineEnd]))
            }
            i = next
        }
        return HeaderBlock(fields: fields, bodyStart: range.upperBound)
    }
}
