import Glibc

/// Reads a file line by line in fixed-size chunks, so a multi-gigabyte mbox never sits in memory.
final class ByteReader {
    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    /// Bytes handed out so far.
    private(set) var consumed: Int64 = 0

    init(path: String, chunkSize: Int = 1 << 20) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReplayError(path: path, reason: String(cString: strerror(errno))) }
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { close(fd) }

    /// Calls `body` with the next line including its `\n` (the last line may lack one); false at the end of the file.
    /// A line longer than the chunk size comes in pieces of the chunk size.
    func nextLine(_ body: (ArraySlice<UInt8>) -> Void) throws -> Bool {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                body(buffer[start...newline])
                consumed += Int64(newline + 1 - start)
                start = newline + 1
                return true
            }
            if eof {
                guard start < end else { return false }
                body(buffer[start..<end])
                consumed += Int64(end - start)
                start = end
                return true
            }
            if start > 0 {
                buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
                end -= start
                start = 0
            }
            if end == buffer.count {
                // §12: a line as long as the buffer is handed out in pieces rather than held whole (no limit on what
                // a file can make us allocate otherwise). Only the first piece starts a line: no later one is a `From ` line.
                body(buffer[0..<end])
                consumed += Int64(end)
                start = end
                return true
            }
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + end, raw.count - end)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReplayError(path: "", reason: String(cString: strerror(errno)))
            }
            if n == 0 { eof = true } else { end += n }
        }
    }
}
