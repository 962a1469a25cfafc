import CRMCore

/// The §12 calls over libcurl: sizes before fetching, a bounded fetch, the header section of a message too large.
///
/// What libcurl 7.88 and Dovecot 2.3 do here (checked with `curl -v`):
/// - `UID FETCH 1:3 (RFC822.SIZE)` as a custom request: the `* n FETCH (UID u RFC822.SIZE s)` lines reach the write
///   callback.
/// - A URL ending in `;SECTION=HEADER` sends `UID FETCH n BODY[HEADER]` (and sets `\Seen`, as `BODY[]` does).
/// - A message whose file Dovecot cannot read (mode 000) gets `* BYE FETCH failed: Internal error occurred` to any
///   FETCH that needs its content (BODY[], RFC822.SIZE of a set holding it): libcurl reports
///   CURLE_WEIRD_SERVER_REPLY and the connection is gone; a new one works.
/// - The write callback returning less than it was given aborts the transfer (CURLE_WRITE_ERROR): that is how a
///   transfer past its limit is stopped, whatever literal size the server announced.
extension CurlMailboxSession {
    /// `UID FETCH set (RFC822.SIZE)` on the folder: a custom request, whose untagged replies reach the write callback.
    public func sizes(of uids: [MessageUID]) throws -> [MessageUID: Int] {
        guard !uids.isEmpty else { return [:] }
        let set = imapSequenceSet(uids)
        let reply = try perform(endpoint.folderURL, command: "UID FETCH \(set) (RFC822.SIZE)",
                                what: "UID FETCH \(set) RFC822.SIZE", selects: true)
        var result: [MessageUID: Int] = [:]
        let wanted = Set(uids)
        for (uid, size) in IMAPResponseParser.sizesByUID(reply) where wanted.contains(MessageUID(uid)) {
            result[MessageUID(uid)] = size
        }
        return result
    }

    /// A URL fetch (`UID FETCH n BODY[]`) in the folder, which libcurl selects (checking UIDVALIDITY) if needed; the
    /// write callback refuses what passes `limit`, which aborts the transfer (and drops the connection).
    public func fetch(_ uid: MessageUID, uidValidity: UIDValidity, limit: Int) throws -> [UInt8] {
        buffer.limit = limit
        buffer.truncates = false
        defer { buffer.limit = TransferBuffer.replyLimit }
        do {
            return try perform(endpoint.messageURL(uid, uidValidity: uidValidity), command: nil,
                               what: "FETCH UID \(uid)", selects: true)
        } catch where buffer.overflowed {
            throw MessageOverLimit(uid: uid, limit: limit, received: buffer.received)
        }
    }

    /// `UID FETCH n BODY[HEADER]` through the URL's `;SECTION=HEADER` (RFC 5092 §5), kept to its first MiB.
    public func fetchHeader(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8] {
        buffer.limit = 1 << 20
        buffer.truncates = true
        defer {
            buffer.limit = TransferBuffer.replyLimit
            buffer.truncates = false
        }
        return try perform(endpoint.messageURL(uid, uidValidity: uidValidity) + ";SECTION=HEADER", command: nil,
                           what: "FETCH UID \(uid) HEADER", selects: true)
    }
}
