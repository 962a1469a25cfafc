/// uuencode (`x-uuencode`, `uuencode`, `x-uue`): `begin MODE NAME`, length-prefixed lines, `end`.
///
/// There is no RFC; this follows POSIX `uudecode`. Lines before `begin` are skipped, a missing `end` or a short
/// line is a defect, and what could be decoded is kept.
enum UUDecoder {
    /// Decodes `input` into `output` (room for `input.count` bytes); returns the count written.
    static func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
                       sawJunk: inout Bool) -> Int {
        let end = input.count
        var out = 0
        var i = 0
        // Find the "begin " line; without one, the whole input is taken as encoded lines.
        var started = false
        var scan = 0
        while scan < end {
            let lineEnd = lineEndIndex(input, from: scan)
            if lineEnd - scan >= 6, startsWith(input, at: scan, "begin ") {
                i = nextLine(input, lineEnd)
                started = true
                break
            }
            scan = nextLine(input, lineEnd)
        }
        if !started { i = 0 }
        var sawEnd = false
        while i < end {
            let lineEnd = lineEndIndex(input, from: i)
            var contentEnd = lineEnd
            if contentEnd > i && input[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd - i >= 3, startsWith(input, at: i, "end") {
                sawEnd = true
                break
            }
            if contentEnd > i {
                let declared = Int((input[i] &- 0x20) & 0x3F)
                // A line claiming more than it carries is cut to what it carries, so output never outgrows input.
                let carried = (contentEnd - i - 1 + 3) / 4 * 3
                let length = min(declared, carried)
                if declared > carried { sawJunk = true }
                if length == 0 {
                    i = nextLine(input, lineEnd)
                    continue
                }
                var written = 0
                var p = i + 1
                while written < length {
                    var group: UInt32 = 0
                    for _ in 0..<4 {
                        // Trailing blanks are often stripped in transit; they stand for zero bits.
                        let c: UInt8 = p < contentEnd ? input[p] : 0x60
                        group = group << 6 | UInt32((c &- 0x20) & 0x3F)
                        p += 1
                    }
                    for shift in [16, 8, 0] as [UInt32] where written < length {
                        output[out] = UInt8(truncatingIfNeeded: group >> shift)
                        out += 1
                        written += 1
                    }
                }
            }
            i = nextLine(input, lineEnd)
        }
        if !sawEnd { sawJunk = true }
        return out
    }

    private static func lineEndIndex(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var j = start
        while j < input.count && input[j] != 0x0A { j += 1 }
        return j
    }

    private static func nextLine(_ input: UnsafeBufferPointer<UInt8>, _ lineEnd: Int) -> Int {
        min(lineEnd + 1, input.count)
    }

    private static func startsWith(_ input: UnsafeBufferPointer<UInt8>, at i: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard i + n <= input.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where input[i + k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }
}
