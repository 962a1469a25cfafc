/// Writes components as RFC 5545 content lines: CRLF, folded so that no physical line exceeds 75 octets
/// (§3.1), never inside a UTF-8 sequence.
struct ICalWriter {
    private(set) var bytes: [UInt8] = []

    /// The most octets of a physical line, CRLF not counted.
    static let lineLimit = 75

    mutating func write(_ component: ICalComponent) {
        writeLine(component.beginOriginal ?? Array("BEGIN:\(component.name)".utf8))
        for entry in component.entries {
            switch entry {
            case .property(let property): writeLine(property.contentLine)
            case .component(let child): write(child)
            }
        }
        writeLine(component.endOriginal ?? Array("END:\(component.name)".utf8))
    }

    /// Appends one unfolded content line, folded.
    mutating func writeLine(_ line: [UInt8]) {
        var start = 0
        var limit = Self.lineLimit
        while line.count - start > limit {
            var cut = start + limit
            // Back up to the start of a UTF-8 sequence (never more than 3 bytes, so that junk cannot stall us).
            var backed = 0
            while backed < 3, cut > start + 1, line[cut] & 0xC0 == 0x80 { cut -= 1; backed += 1 }
            if line[cut] & 0xC0 == 0x80 { cut = start + limit }
            bytes.append(contentsOf: line[start..<cut])
            bytes.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
            limit = Self.lineLimit - 1
        }
        bytes.append(contentsOf: line[start...])
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
