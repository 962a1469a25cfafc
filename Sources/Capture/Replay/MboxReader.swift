/// Splits an mbox file into messages, streaming (RFC 4155 and the mboxo/mboxrd variants).
///
/// - A message starts at a `From ` line at the start of the file or after an empty line; that line is not part of
///   the message, nor is the empty line before the next `From ` line.
/// - Quoted `From ` lines are un-escaped the mboxrd way: one `>` is removed from any line matching `^>+From `. For
///   mboxo files this also turns an original `>From ` into `From ` — the ambiguity of that format; both variants
///   then read the same.
/// - Line endings are kept as they are (`\n` or `\r\n`).
/// - §12: a message larger than `maxMessageBytes` is never held whole: once it passes the limit only its header
///   section is kept (at most 1 MiB of it), the rest is counted and skipped up to the next `From ` line.
struct MboxReader {
    private let reader: ByteReader
    private let maxMessageBytes: Int
    private var pendingBlank: [UInt8]? = nil
    private var started = false
    private var finished = false
    /// Set when the message `next()` returned last was over the limit (its bytes are then its header section).
    private(set) var lastTooLarge: MessageTooLarge?

    init(path: String, maxMessageBytes: Int = .max) throws {
        reader = try ByteReader(path: path)
        self.maxMessageBytes = maxMessageBytes
    }

    /// Bytes of the file read so far.
    var consumed: Int64 { reader.consumed }

    /// The next message, nil at the end of the file.
    mutating func next() throws -> [UInt8]? {
        guard !finished else { return nil }
        var message = MboxMessageCollector(limit: maxMessageBytes)
        lastTooLarge = nil
        defer { if message.over { lastTooLarge = MessageTooLarge(size: message.size, limit: maxMessageBytes) } }
        var previousBlank = !started
        var inMessage = started
        while true {
            var line: ArraySlice<UInt8> = []
            guard try reader.nextLine({ line = $0 }) else {
                finished = true
                if let blank = pendingBlank { pendingBlank = nil; _ = blank }
                return inMessage ? message.bytes : nil
            }
            let isBlank = Self.isBlank(line)
            if Self.isFromLine(line) && previousBlank {
                pendingBlank = nil
                if inMessage {
                    started = true
                    return message.bytes
                }
                inMessage = true
                started = true
                previousBlank = false
                continue
            }
            if let blank = pendingBlank {
                message.append(blank[...], blank: true)
                pendingBlank = nil
            }
            if isBlank {
                pendingBlank = Array(line)
            } else if inMessage {
                message.append(Self.unescaped(line), blank: false)
            }
            previousBlank = isBlank
        }
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x0A || $0 == 0x0D }
    }

    static let from: [UInt8] = Array("From ".utf8)

    static func isFromLine(_ line: ArraySlice<UInt8>) -> Bool { line.starts(with: from) }

    /// The line with one `>` removed when it matches `^>+From `.
    static func unescaped(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        if line.first == UInt8(ascii: ">") {
            let rest = line.drop { $0 == UInt8(ascii: ">") }
            if rest.starts(with: from) { return line.dropFirst() }
        }
        return line
    }
}
