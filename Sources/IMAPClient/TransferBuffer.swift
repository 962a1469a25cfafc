/// What one transfer received. Reached from the C callbacks through an unretained pointer; the session owns it.
///
/// §12: what a server sends can never make it grow without bound. Past `limit` bytes it either keeps the first
/// `limit` and drops the rest (`truncates`, for a header section) or refuses them, which aborts the transfer
/// (`overflowed` then says why it failed).
final class TransferBuffer {
    var body: [UInt8] = []
    var lastServerLine: [UInt8] = []
    /// The most `body` may hold.
    var limit = TransferBuffer.replyLimit
    /// Past `limit`: keep the first `limit` bytes (true) or abort the transfer (false).
    var truncates = false
    /// The transfer delivered more than `limit` bytes.
    private(set) var overflowed = false
    /// Bytes the transfer delivered, kept or not.
    private(set) var received = 0

    /// The bound of an answer to a command (SEARCH, FETCH FLAGS, STATUS...): far above any legitimate one.
    static let replyLimit = 64 << 20

    func reset() {
        body.removeAll(keepingCapacity: body.capacity <= Self.keptCapacity)
        lastServerLine.removeAll()
        overflowed = false
        received = 0
    }

    /// Capacity kept between transfers; a bigger buffer (a large message) is released.
    private static let keptCapacity = 4 << 20

    /// Takes what the write callback got; false when the transfer must abort.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        received += bytes.count
        let room = limit - body.count
        guard bytes.count > room else {
            body.append(contentsOf: bytes)
            return true
        }
        overflowed = true
        guard truncates else { return false }
        if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
        return true
    }
}
