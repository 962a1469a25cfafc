/// What one transfer received. Reached from the C callbacks through an unretained pointer; the session owns it.
///
/// §12: what a server sends can never make it grow without bound: past `limit` bytes the rest is refused, which
/// aborts the transfer. Message bodies never come through here (`PeekConnection` reads them, bounded by the size
/// limit), so the limit is that of an answer to a command.
final class TransferBuffer {
    var body: [UInt8] = []
    /// The server's lines through the header callback (for an error message).
    let serverLines = ServerLines()
    /// The most `body` may hold.
    let limit: Int

    /// The bound of an answer to a command (SEARCH, FETCH FLAGS, STATUS...): far above any legitimate one.
    static let replyLimit = 64 << 20

    init(limit: Int = TransferBuffer.replyLimit) {
        self.limit = limit
    }

    func reset() {
        body.removeAll(keepingCapacity: body.capacity <= Self.keptCapacity)
        serverLines.reset()
    }

    /// Capacity kept between transfers; a bigger buffer is released.
    private static let keptCapacity = 4 << 20

    /// Takes what the write callback got; false when the transfer must abort.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= limit - body.count else { return false }
        body.append(contentsOf: bytes)
        return true
    }
}
