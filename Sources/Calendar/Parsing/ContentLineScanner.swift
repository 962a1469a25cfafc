/// Splits bytes into unfolded content lines (RFC 5545 §3.1): a line ends at CRLF or a bare LF (tolerated), and a
/// line that starts with a space or a tab continues the one before it, without that first character.
struct ContentLineScanner {
    /// One unfolded content line and the number of its first physical line.
    struct Unfolded {
        var bytes: [UInt8]
        var line: Int
    }

    private let bytes: [UInt8]
    private let maxLineBytes: Int
    private var position: Int
    private var lineNumber = 0

    init(bytes: [UInt8], maxLineBytes: Int) {
        self.bytes = bytes
        self.maxLineBytes = maxLineBytes
        // A UTF-8 byte-order mark is not content.
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next non-empty content line, or nil at the end. Lines over the limit and orphan continuations are
    /// reported and skipped.
    mutating func next(defects: inout [ICalDefect]) -> Unfolded? {
        while position < bytes.count {
            let (start, end) = physicalLine()
            let first = lineNumber
            if start == end { continue }
            if bytes[start] == 0x20 || bytes[start] == 0x09 {
                defects.append(ICalDefect(.orphanContinuation, line: first))
                skipContinuations()
                continue
            }
            var unfolded = Array(bytes[start..<end])
            var tooLong = unfolded.count > maxLineBytes
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 {
                let (s, e) = physicalLine()
                if !tooLong {
                    if unfolded.count + (e - s - 1) > maxLineBytes {
                        tooLong = true
                    } else {
                        unfolded.append(contentsOf: bytes[(s + 1)..<e])
                    }
                }
            }
            if tooLong {
                defects.append(ICalDefect(.lineTooLong, line: first))
                continue
            }
            return Unfolded(bytes: unfolded, line: first)
        }
        return nil
    }

    /// The content bounds of the physical line at `position` (without CRLF or LF); moves past it.
    private mutating func physicalLine() -> (Int, Int) {
        lineNumber += 1
        let start = position
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        position = end < bytes.count ? end + 1 : end
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return (start, end)
    }

    private mutating func skipContinuations() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { _ = physicalLine() }
    }
}
