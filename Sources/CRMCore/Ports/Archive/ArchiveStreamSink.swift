/// Where `archive run` writes an archive's content (§10): files of the download's ZIP and the live rows that
/// `restore` writes back, in one stream. The implementation compresses it into chunks as it goes, so that an archive
/// is never held whole in memory; the store takes the finished chunks after every call and keeps them.
public protocol ArchiveStreamSink: AnyObject {
    /// Starts a file of the ZIP (`activities.jsonl`, `messages/SHA256.eml`…) of exactly `size` bytes, which the
    /// following `write` calls give.
    func beginFile(_ name: String, size: Int64) throws
    /// Bytes of the file begun last.
    func write(_ bytes: [UInt8]) throws
    /// A live row that `restore` writes back.
    func row(_ row: ArchiveRow) throws
    /// The compressed chunks completed since the last call, in order.
    func takeChunks() -> [[UInt8]]
    /// Ends the stream: the last chunks, the total compressed size and the SHA-256 (hex) of all chunks in order.
    func finish() throws -> (chunks: [[UInt8]], bytes: Int64, sha256: String)
}
