/// One entry of an archive's stream: a file of the download's ZIP, or a live row to write back.
public enum ArchiveEntry: Sendable, Hashable {
    /// A file of `size` bytes; `ArchiveStreamSource.read` gives its content.
    case file(name: String, size: Int64)
    case row(ArchiveRow)
}

/// Reads an archive's stream back (§10 `download`, `restore`), chunk after chunk: the store gives the chunks, the
/// implementation decompresses them and checks the recorded SHA-256 when the stream ends.
public protocol ArchiveStreamSource: AnyObject {
    /// The next entry, nil at the end (after the checksum was found right). The rest of an unread file is skipped.
    func next() throws -> ArchiveEntry?
    /// Up to `count` bytes of the current file; empty at its end.
    func read(upTo count: Int) throws -> [UInt8]
}
