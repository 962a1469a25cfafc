/// RFC 2045 §6.7 quoted-printable, decoded leniently.
///
/// `=XX` takes upper- or lower-case hex; `=` before the end of a line (blanks allowed between) is a soft line
/// break; any other `=` is kept as written with a defect (rule 1 says decoders should not reject it); blanks at the
/// end of a line are transport padding and removed (rule 3). Line ends are kept as they came. Stateless per line,
/// so callers may feed whole lines in chunks.
enum QuotedPrintableDecoder {
    /// Hex value of each byte, 0xFF when not a hex digit.
    static let hex: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "0123456789ABCDEF".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        for (i, c) in "abcdef".utf8.enumerated() { t[Int(c)] = UInt8(10 + i) }
        return t
    }()

    /// Decodes `input` into `output` (room for `input.count` bytes); returns the count written.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
                       sawJunk: inout Bool) -> Int {
        let end = input.count
        var i = 0
        var out = 0
        // Output index where the current run of literal blanks began, or -1.
        var blankStart = -1
        hex.withUnsafeBufferPointer { hex in
            while i < end {
                let c = input[i]
                switch c {
                case 0x3D: // "="
                    let h1: UInt8 = i + 1 < end ? hex[Int(input[i + 1])] : 0xFF
                    let h2: UInt8 = i + 2 < end ? hex[Int(input[i + 2])] : 0xFF
                    if h1 != 0xFF && h2 != 0xFF {
                        output[out] = h1 << 4 | h2
                        out += 1
                        i += 3
                        blankStart = -1
                        continue
                    }
                    // Soft line break: "=" then blanks, then CRLF, LF or the end of the input.
                    var j = i + 1
                    while j < end && (input[j] == 0x20 || input[j] == 0x09) { j += 1 }
                    if j == end {
                        i = j
                        continue
                    }
                    if input[j] == 0x0A {
                        i = j + 1
                        continue
                    }
                    if input[j] == 0x0D && j + 1 < end && input[j + 1] == 0x0A {
                        i = j + 2
                        continue
                    }
                    if input[j] == 0x0D && j + 1 == end {
                        i = end
                        continue
                    }
                    sawJunk = true
                    output[out] = c
                    out += 1
                    i += 1
                    blankStart = -1
                case 0x20, 0x09:
                    if blankStart < 0 { blankStart = out }
                    output[out] = c
                    out += 1
                    i += 1
                case 0x0D, 0x0A:
                    if blankStart >= 0 { out = blankStart }
                    blankStart = -1
                    output[out] = c
                    out += 1
                    i += 1
                default:
                    output[out] = c
                    out += 1
                    i += 1
                    blankStart = -1
                }
            }
        }
        if blankStart >= 0 { out = blankStart }
        return out
    }
}
