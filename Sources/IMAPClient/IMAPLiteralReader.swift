/// Cuts the bytes a server sends into IMAP response lines (RFC 3501 §2.2.1, §4.3): a line ends in CRLF; a line part
/// ending in `{N}` (or the LITERAL+ form `{N+}`, RFC 7888) is followed by exactly N bytes of literal, after which the
/// line goes on. A literal is taken by count, never by looking at its content: a line of a message that reads like a
/// tagged reply (`P1 OK done`) stays inside the message. (libcurl reads literals line by line, which is why a custom
/// body fetch through it is unsafe with hostile mail.)
///
/// §12: nothing a server announces is allocated past the bounds: a literal over `maxLiteral` or a line whose text
/// (outside its literals) passes `maxLineText` fails before it is read.
struct IMAPLiteralReader {
    /// One response line: `texts[0]`, `literals[0]`, `texts[1]`, ... — `texts[i]` ends with the `{N}` that announced
    /// `literals[i]`; there is always one more text than literals. Line ends (CRLF) are not kept.
    struct Line: Equatable {
        var texts: [[UInt8]]
        var literals: [[UInt8]]

        /// The text parts joined, literals left out (for error messages and tag matching).
        var text: String { String(decoding: Array(texts.joined(separator: Array(" ".utf8))), as: UTF8.self) }
    }

    /// The most one literal may hold (set per command).
    var maxLiteral: Int
    /// The most of one literal that is kept: the rest is read and dropped (a header section cut at its first MiB).
    var literalKept = Int.max
    /// The most the text of one line (outside its literals) may hold.
    let maxLineText: Int

    private var buffer: [UInt8] = []
    /// Where the unread bytes of `buffer` start.
    private var start = 0
    /// How far past `start` a line end has already been looked for.
    private var scanned = 0
    private var texts: [[UInt8]] = []
    private var literals: [[UInt8]] = []
    private var text: [UInt8] = []
    private var textBytes = 0
    /// The literal being read and the bytes it still needs.
    private var literal: [UInt8] = []
    private var literalRemaining: Int?

    init(maxLiteral: Int, maxLineText: Int = 1 << 20) {
        self.maxLiteral = maxLiteral
        self.maxLineText = maxLineText
    }

    /// Bytes as they came from the socket, cut anywhere.
    mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if start > 0, start >= buffer.count / 2 {
            buffer.removeSubrange(..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole line, or nil until more bytes are fed.
    mutating func nextLine() throws(IMAPResponseTooLarge) -> Line? {
        while true {
            if let remaining = literalRemaining {
                let take = min(remaining, buffer.count - start)
                let kept = max(0, min(take, literalKept - literal.count))
                literal.append(contentsOf: buffer[start..<(start + kept)])
                start += take
                if take < remaining {
                    literalRemaining = remaining - take
                    return nil
                }
                literals.append(literal)
                literal = []
                literalRemaining = nil
                scanned = 0
                continue
            }
            guard let lf = buffer[(start + scanned)...].firstIndex(of: 0x0A) else {
                scanned = buffer.count - start
                guard textBytes + scanned <= maxLineText else {
                    throw IMAPResponseTooLarge(part: .line, announced: nil, limit: maxLineText)
                }
                return nil
            }
            var end = lf
            if end > start, buffer[end - 1] == 0x0D { end -= 1 }
            text.append(contentsOf: buffer[start..<end])
            textBytes += end - start
            start = lf + 1
            scanned = 0
            guard textBytes <= maxLineText else {
                throw IMAPResponseTooLarge(part: .line, announced: nil, limit: maxLineText)
            }
            if let announced = Self.literalAnnouncement(text) {
                guard announced <= maxLiteral else {
                    throw IMAPResponseTooLarge(part: .literal, announced: announced, limit: maxLiteral)
                }
                texts.append(text)
                text = []
                // Grown as the bytes arrive past the first MiBs: reserving on the server's word alone is not done.
                literal.reserveCapacity(min(announced, literalKept, 4 << 20))
                literalRemaining = announced
                continue
            }
            texts.append(text)
            let line = Line(texts: texts, literals: literals)
            texts = []
            literals = []
            text = []
            textBytes = 0
            return line
        }
    }

    /// N when `text` ends with `{N}` or `{N+}`; a number too long to be a size counts as too large.
    static func literalAnnouncement(_ text: [UInt8]) -> Int? {
        guard text.last == UInt8(ascii: "}") else { return nil }
        var index = text.count - 2
        if index >= 0, text[index] == UInt8(ascii: "+") { index -= 1 }
        var digits = 0
        var value = 0
        while index >= 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text[index]) {
            digits += 1
            index -= 1
        }
        guard digits > 0, index >= 0, text[index] == UInt8(ascii: "{") else { return nil }
        if digits > 18 { return Int.max }
        for byte in text[(index + 1)..<(index + 1 + digits)] { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
        return value
    }
}

/// A server's answer larger than we accept (§12): a literal announced over the bound, or a line that never ends.
public struct IMAPResponseTooLarge: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Part: String, Sendable {
        case literal, line
    }

    public var part: Part
    /// The size the server announced (a literal's `{N}`); nil for a line.
    public var announced: Int?
    public var limit: Int

    public var description: String {
        switch part {
        case .literal: "the server announced a literal of \(announced ?? 0) bytes, over the limit of \(limit)"
        case .line: "the server sent a response line longer than \(limit) bytes"
        }
    }
}
