#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts the body of a multipart entity into the byte ranges of its parts.
///
/// RFC 2046 §5.1.1:
/// ```
/// multipart-body := [preamble CRLF] dash-boundary transport-padding CRLF body-part
///                   *encapsulation close-delimiter transport-padding [CRLF epilogue]
/// dash-boundary := "--" boundary
/// encapsulation := delimiter transport-padding CRLF body-part
/// delimiter := CRLF dash-boundary
/// close-delimiter := delimiter "--"
/// ```
/// The line end before a delimiter belongs to the delimiter, not to the part. Bare LF counts as CRLF, blanks after
/// the boundary (transport padding) are allowed, and a line that merely starts with the boundary followed by other
/// characters is not a delimiter (so a boundary that is a prefix of an inner one is safe). Parts are found by the
/// outer boundary first, so an inner multipart that never closes cannot swallow its parent's later parts.
enum MultipartSplitter {
    /// The parts and whether the close delimiter was seen.
    struct Result: Equatable {
        var parts: [Range<Int>]
        var closed: Bool
        /// False when not even one delimiter line was found.
        var foundBoundary: Bool
        /// True when `maxParts` cut the list short.
        var truncated: Bool = false
    }

    /// The parts of the multipart body `bytes[range]` delimited by `boundary` (without its leading `--`), at most
    /// `maxParts` of them; preamble and epilogue are left out.
    static func split(_ bytes: [UInt8], _ range: Range<Int>, boundary: [UInt8], maxParts: Int) -> Result {
        var needle: [UInt8] = [0x0A, 0x2D, 0x2D]
        needle.append(contentsOf: boundary)
        var parts: [Range<Int>] = []
        var partStart: Int? = nil
        var closed = false
        var found = false
        var truncated = false
        bytes.withUnsafeBufferPointer { whole in
            guard let base = whole.baseAddress else { return }
            needle.withUnsafeBufferPointer { nb in
                let end = range.upperBound
                // The body may open with the delimiter itself: no line end before it.
                var lineStart: Int? = nil
                if range.count >= needle.count - 1,
                   memcmp(base + range.lowerBound, nb.baseAddress! + 1, needle.count - 1) == 0 {
                    lineStart = range.lowerBound
                }
                var searchFrom = range.lowerBound
                while true {
                    if lineStart == nil {
                        guard let hit = find(nb, in: base, from: searchFrom, to: end) else { break }
                        lineStart = hit + 1
                    }
                    let p = lineStart!
                    lineStart = nil
                    var q = p + 2 + boundary.count
                    searchFrom = q
                    let isClose = q + 1 < end && whole[q] == 0x2D && whole[q + 1] == 0x2D
                    if isClose {
                        q += 2
                    }
                    // A delimiter line holds nothing but transport padding after the boundary (and its "--"),
                    // as in Python's email.feedparser; "--a----" is no close delimiter of "a--".
                    while q < end && (whole[q] == 0x20 || whole[q] == 0x09) { q += 1 }
                    var lineEnd = q
                    if q < end && whole[q] == 0x0D { lineEnd += 1 }
                    guard lineEnd >= end || whole[lineEnd] == 0x0A else { continue }
                    found = true
                    let next = min(lineEnd + 1, end)
                    if let start = partStart {
                        var stop = p
                        if stop > start && whole[stop - 1] == 0x0A { stop -= 1 }
                        if stop > start && whole[stop - 1] == 0x0D { stop -= 1 }
                        parts.append(start..<max(start, stop))
                        if parts.count >= maxParts { partStart = nil; truncated = true; return }
                    }
                    if isClose {
                        closed = true
                        partStart = nil
                        return
                    }
                    partStart = next
                    searchFrom = lineEnd
                }
            }
        }
        if let start = partStart {
            parts.append(start..<range.upperBound)
        }
        return Result(parts: parts, closed: closed, foundBoundary: found, truncated: truncated)
    }

    /// Index of the next `needle` (which starts with LF) in `base[from..<to]`: memchr to each line end, then memcmp.
    private static func find(_ needle: UnsafeBufferPointer<UInt8>, in base: UnsafePointer<UInt8>,
                             from: Int, to end: Int) -> Int? {
        var i = from
        let n = needle.count
        while end - i >= n {
            guard let hit = memchr(base + i, 0x0A, end - i - n + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // Most lines do not start with "--": test that inline before calling memcmp.
            if base[at + 1] == 0x2D && base[at + 2] == 0x2D
                && memcmp(base + at + 3, needle.baseAddress! + 3, n - 3) == 0 { return at }
            i = at + 1
        }
        return nil
    }
}
