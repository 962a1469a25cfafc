import CRMCore

/// The §12 calls over libcurl: sizes before fetching, a bounded fetch, the header section of a message too large.
///
/// What libcurl 7.88 and Dovecot 2.3 do here (checked with `curl -v`):
/// - `UID FETCH 1:3 (RFC822.SIZE)` as a custom request: the `* n FETCH (UID u RFC822.SIZE s)` lines reach the write
///   callback.
/// - A URL ending in `;SECTION=HEADER` sends `UID FETCH n BODY[HEADER]` (and sets `\Seen`, as `BODY[]` does): bodies
///   and headers are fetched with BODY.PEEK over `PeekConnection` instead.
/// - A message whose file Dovecot cannot read (mode 000) gets `* BYE FETCH failed: Internal error occurred` to any
///   FETCH that needs its content (BODY[], RFC822.SIZE of a set holding it): libcurl reports
///   CURLE_WEIRD_SERVER_REPLY (`PeekConnection`: the server closed the connection, quoting the BYE), a protocol
///   error; the connection is gone; a new one works.
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

    /// `UID FETCH n BODY.PEEK[]` over `peek` (never sets `\Seen`): a message announced over `limit` fails with
    /// `MessageOverLimit` before a byte of it is read (and the peek connection is dropped).
    public func fetch(_ uid: MessageUID, uidValidity: UIDValidity, limit: Int) throws -> [UInt8] {
        try peek.fetch(uid, uidValidity: uidValidity, section: .whole, maxBytes: limit)
    }

    /// `UID FETCH n BODY.PEEK[HEADER]` over `peek` (never sets `\Seen`), kept to its first MiB; one announced over
    /// 64 MiB is a protocol error (never read: a hostile server could stream for ever).
    public func fetchHeader(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8] {
        try peek.fetch(uid, uidValidity: uidValidity, section: .header, kept: 1 << 20)
    }
}
