import CRMCore

/// The `ArchiveStreamSink` of `archive run`: frames the entries (`ArchiveFraming`), deflates every `chunkSize` bytes
/// of the stream into one independent chunk and hashes the chunks as they are made, so memory stays at about one
/// chunk whatever the archive's size.
public final class ArchiveChunkWriter: ArchiveStreamSink {
    let chunkSize: Int
    private var pending: [UInt8] = []
    private var ready: [[UInt8]] = []
    private var sha = SHA256()
    private var bytes: Int64 = 0
    private var fileLeft: Int64 = 0

    /// `chunkSize`: uncompressed bytes a chunk (1 MiB by default).
    public init(chunkSize: Int = 1 << 20) {
        precondition(chunkSize > 0)
        self.chunkSize = chunkSize
        pending.reserveCapacity(chunkSize)
    }

    public func beginFile(_ name: String, size: Int64) throws {
        precondition(fileLeft == 0, "the previous file was not written whole")
        try append(ArchiveFraming.fileHeader(name, size: size))
        fileLeft = size
    }

    public func write(_ bytes: [UInt8]) throws {
        precondition(Int64(bytes.count) <= fileLeft, "more bytes than the file's size")
        fileLeft -= Int64(bytes.count)
        try append(bytes)
    }

    public func row(_ row: ArchiveRow) throws {
        precondition(fileLeft == 0, "the previous file was not written whole")
        try append(ArchiveFraming.encode(row))
    }

    public func takeChunks() -> [[UInt8]] {
        defer { ready.removeAll() }
        return ready
    }

    public func finish() throws -> (chunks: [[UInt8]], bytes: Int64, sha256: String) {
        precondition(fileLeft == 0, "the last file was not written whole")
        if !pending.isEmpty { try seal(pending[...]); pending.removeAll() }
        return (takeChunks(), bytes, Self.hex(sha.finalize()))
    }

    private func append(_ data: [UInt8]) throws {
        var rest = data[...]
        while !rest.isEmpty {
            let room = chunkSize - pending.count
            if pending.isEmpty, rest.count >= chunkSize {
                try seal(rest.prefix(chunkSize))
                rest = rest.dropFirst(chunkSize)
                continue
            }
            pending.append(contentsOf: rest.prefix(room))
            rest = rest.dropFirst(room)
            if pending.count == chunkSize {
                try seal(pending[...])
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    private func seal(_ plain: ArraySlice<UInt8>) throws {
        let chunk = try Deflate.compress(Array(plain))
        sha.update(chunk)
        bytes += Int64(chunk.count)
        ready.append(chunk)
    }

    static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}
