import CRMCore

/// Header values we write (RFC 5322 §2.2.3, RFC 2047): ASCII text stays as it is, anything else becomes UTF-8
/// `B` encoded-words of at most 75 characters, never splitting a character; long fields are folded.
enum HeaderEncoding {
    /// `Name: value` with a line end, `value` encoded when not printable ASCII, folded at 78 characters.
    static func field(_ name: String, _ value: String) -> [UInt8] {
        let clean = flattened(value)
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return fold(name, words: clean.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        }
        return fold(name, words: encodedWords(clean))
    }

    /// `Name: "Display" <address>` (the name encoded or quoted as needed), or the bare address without a name.
    static func addressField(_ name: String, display: String, address: EmailAddress) -> [UInt8] {
        let clean = flattened(display)
        guard !clean.isEmpty else { return Array("\(name): \(address.value)\r\n".utf8) }
        var words: [String]
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // RFC 5322 quoted-string: a backslash before `"` and `\`.
            var quoted = "\""
            for c in clean { if c == "\"" || c == "\\" { quoted.append("\\") }; quoted.append(c) }
            words = [quoted + "\""]
        } else {
            words = encodedWords(clean)
        }
        words.append("<\(address.value)>")
        return fold(name, words: words)
    }

    /// Control characters (a CR or LF would end the field) turned into spaces.
    static func flattened(_ value: String) -> String {
        String(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
    }

    /// RFC 2047 §2, §5(3): `=?UTF-8?B?…?=` words of at most 75 characters, each holding whole characters.
    static func encodedWords(_ text: String) -> [String] {
        // 39 bytes of UTF-8 are 52 base64 characters, a word of 64: with `Subject: ` before it the first line stays
        // within 78 characters too (RFC 5322 §2.1.1; the word limit itself is 75).
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(base64(chunk))?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(base64(chunk))?=") }
        return words
    }

    /// Joins `words` with single spaces, folding (CRLF + space) before a word that would pass 78 characters.
    private static func fold(_ name: String, words: [String]) -> [UInt8] {
        var out = Array("\(name):".utf8)
        var width = out.count
        for word in words {
            if width + 1 + word.utf8.count > 78, width > name.utf8.count + 1 {
                out += [0x0D, 0x0A]
                width = 0
            }
            out.append(0x20)
            out += Array(word.utf8)
            width += 1 + word.utf8.count
        }
        return out + [0x0D, 0x0A]
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : 0x3D)
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : 0x3D)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
