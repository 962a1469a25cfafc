import CRMCore
import Glibc
import IMAPClient

/// §12 for files of one message (`.eml`, Maildir): a file larger than the limit is read only up to the end of its
/// header (at most `MessageTooLarge.headerBound` bytes) and its size is the file's.
extension ReplayInput {
    /// The message of this file: whole, or its header section when the file is larger than `maxMessageBytes`.
    func message(source: MessageSource, maxMessageBytes: Int) throws -> RawMessage {
        if size > Int64(maxMessageBytes) {
            return RawMessage(bytes: try Self.readHeader(path), source: source,
                              tooLarge: MessageTooLarge(size: Int(size), limit: maxMessageBytes))
        }
        let bytes = try Replayer.readFile(path)
        guard bytes.count > maxMessageBytes else { return RawMessage(bytes: bytes, source: source) }
        // It grew since it was listed.
        return RawMessage(bytes: headerSection(of: bytes, bound: MessageTooLarge.headerBound), source: source,
                          tooLarge: MessageTooLarge(size: bytes.count, limit: maxMessageBytes))
    }

    /// The header section of the file at `path`: read in chunks until the empty line that ends it, or `bound` bytes.
    static func readHeader(_ path: String, bound: Int = MessageTooLarge.headerBound) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReplayError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while data.count < bound {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReplayError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[..<n])
            let header = headerSection(of: data, bound: bound)
            if header.count < data.count { return header }
        }
        return headerSection(of: data, bound: bound)
    }
}
