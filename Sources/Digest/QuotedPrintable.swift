/// Quoted-printable (RFC 2045 §6.7) for the text parts we write: lines of at most 76 characters, CRLF line ends.
enum QuotedPrintable {
    /// Encodes `text` (its lines ended by `\n`) as UTF-8 quoted-printable with CRLF line ends.
    ///
    /// Beyond the rules: a `.` or `F` at the start of a line is encoded too, so that no transport can mistake a line
    /// for the end of data or an mbox `From ` separator.
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            var width = 0
            let bytes = Array(line.utf8)
            for (position, byte) in bytes.enumerated() {
                let last = position == bytes.count - 1
                let plain = (byte >= 0x21 && byte <= 0x7E && byte != 0x3D) || (byte == 0x20 && !last)
                let risky = position == 0 && (byte == 0x2E || byte == 0x46)
                let piece: [UInt8] = plain && !risky ? [byte] : escape(byte)
                // A soft break keeps every encoded line, `=` included, within 76.
                if width + piece.count > 75 {
                    out += [0x3D, 0x0D, 0x0A]
                    width = 0
                }
                out += piece
                width += piece.count
            }
            if index < lines.count - 1 { out += [0x0D, 0x0A] }
        }
        return out
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func escape(_ byte: UInt8) -> [UInt8] {
        [0x3D, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
    }
}
