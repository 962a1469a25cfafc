import CRMCore

/// The `ArchiveStreamSource` of `download` and `restore`: inflates the chunks `chunk(seq)` gives (0, 1, …; nil after
/// the last), one at a time, and checks their SHA-256 against `expectedSHA256` at the end of the stream. A
/// mismatch throws `ArchiveCorrupt` before `next()` reports the end, so a restore built on it rolls back.
public final class ArchiveChunkReader: ArchiveStreamSource {
    private let chunk: (Int) throws -> [UInt8]?
    private let expectedSHA256: String
    private var sha = SHA256()
    private var nextSeq = 0
    private var buffer: [UInt8] = []
    private var position = 0
    private var fileLeft: Int64 = 0
    private var ended = false

    public init(expectedSHA256: String, chunk: @escaping (Int) throws -> [UInt8]?) {
        self.expectedSHA256 = expectedSHA256
        self.chunk = chunk
    }

    public func next() throws -> ArchiveEntry? {
        while fileLeft > 0 {
            let skipped = try take(Int(min(fileLeft, 1 << 20)))
            fileLeft -= Int64(skipped.count)
        }
        guard try fill(1) else {
            guard !ended else { return nil }
            ended = true
            let digest = ArchiveChunkWriter.hex(sha.finalize())
            guard digest == expectedSHA256 else {
                throw ArchiveCorrupt(problem: "SHA-256 \(digest), recorded \(expectedSHA256)")
            }
            return nil
        }
        let kind = try exact(1)[0]
        switch kind {
        case ArchiveFraming.file:
            var header = ByteReader(bytes: try exact(2))
            let nameLength = Int(try header.integer(UInt16.self))
            let name = String(decoding: try exact(nameLength), as: UTF8.self)
            var size = ByteReader(bytes: try exact(8))
            fileLeft = Int64(try size.integer(UInt64.self))
            return .file(name: name, size: fileLeft)
        case ArchiveFraming.row:
            var length = ByteReader(bytes: try exact(4))
            return .row(try ArchiveFraming.decodeRow(try exact(Int(try length.integer(UInt32.self)))))
        default:
            throw ArchiveCorrupt(problem: "unknown entry type \(kind)")
        }
    }

    public func read(upTo count: Int) throws -> [UInt8] {
        guard fileLeft > 0, count > 0 else { return [] }
        let bytes = try take(Int(min(fileLeft, Int64(count))))
        guard !bytes.isEmpty else { throw ArchiveCorrupt(problem: "a file is cut short") }
        fileLeft -= Int64(bytes.count)
        return bytes
    }

    /// Up to `count` bytes from the stream (fewer only at its end).
    private func take(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count, try fill(1) {
            let n = min(count - out.count, buffer.count - position)
            out.append(contentsOf: buffer[position..<position + n])
            position += n
        }
        return out
    }

    private func exact(_ count: Int) throws -> [UInt8] {
        let bytes = try take(count)
        guard bytes.count == count else { throw ArchiveCorrupt(problem: "the stream is cut short") }
        return bytes
    }

    /// Makes at least `count` unread bytes available when the stream has them; false at its end.
    private func fill(_ count: Int) throws -> Bool {
        while buffer.count - position < count {
            guard let compressed = try chunk(nextSeq) else { return buffer.count - position >= count }
            nextSeq += 1
            sha.update(compressed)
            buffer = Array(buffer[position...]) + (try Deflate.decompress(compressed))
            position = 0
        }
        return true
    }
}
