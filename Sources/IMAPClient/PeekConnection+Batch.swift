import CRMCore

/// Many messages in one command: `UID FETCH a,b,c (UID BODY.PEEK[])` (RFC 3501 §6.4.5, §6.4.8), answers cut by
/// `IMAPLiteralReader`. libcurl does not pipeline, so fetching a message a command costs a round trip each; the batch
/// costs one (`scripts/bench poll` shows both).
///
/// What Dovecot 2.3 and Cyrus 3.6 answer: one `* n FETCH (UID u BODY[] {N}` CRLF, N bytes, `)` line a message, in
/// UID order, then the tagged OK; nothing for a UID that does not exist.
extension PeekConnection {
    /// The whole messages of `uids` that the server returned, by UID, never setting `\Seen`. Each literal is bounded by
    /// `maxBytes` (a larger one fails the whole command before it is read: the caller fetches one by one, where the
    /// limit has its own outcome). Any failure closes the connection.
    func fetchBatch(_ uids: [MessageUID], uidValidity: UIDValidity, maxBytes: Int) throws -> [MessageUID: [UInt8]] {
        guard !uids.isEmpty else { return [:] }
        let reused = isOpen
        do {
            return try fetchBatchOnce(uids, uidValidity: uidValidity, maxBytes: maxBytes)
        } catch let error as IMAPError where reused && lost {
            logger.debug("peek connection lost; fetching the batch again on a new one",
                         metadata: ["imap.kind": "\(error.kind.rawValue)"])
            return try fetchBatchOnce(uids, uidValidity: uidValidity, maxBytes: maxBytes)
        }
    }

    private func fetchBatchOnce(_ uids: [MessageUID], uidValidity: UIDValidity, maxBytes: Int) throws
        -> [MessageUID: [UInt8]] {
        lost = false
        let set = imapSequenceSet(uids)
        let what = "UID FETCH \(set) BODY.PEEK[]"
        let wanted = Set(uids.map(\.rawValue))
        do {
            try connect()
            if examinedValidity != uidValidity { try examine() }
            if let examinedValidity, examinedValidity != uidValidity {
                throw IMAPError(kind: .protocolError, message: "\(what) on \(endpoint.displayName): UIDVALIDITY is "
                                + "\(examinedValidity), not \(uidValidity)")
            }
            reader.maxLiteral = maxBytes
            defer { reader.maxLiteral = Self.defaultMaxBytes }
            let tag = nextTag()
            try send("\(tag) UID FETCH \(set) (UID BODY.PEEK[])\r\n")
            var bodies: [MessageUID: [UInt8]] = [:]
            while true {
                let line = try readLine()
                if let status = Self.status(of: line, tag: tag) {
                    guard status == "OK" else { throw refused(line, what: what) }
                    return bodies
                }
                noteBye(line)
                // An unsolicited FETCH (flags changed by another client) carries no BODY[] and is passed over.
                guard let uid = line.texts.lazy.compactMap(Self.uidValue).first, wanted.contains(uid),
                      bodies[MessageUID(uid)] == nil,
                      let body = Self.item(Array("BODY[]".utf8), of: MessageUID(uid), in: line) else { continue }
                bodies[MessageUID(uid)] = body
            }
        } catch let tooLarge as IMAPResponseTooLarge {
            close()
            throw IMAPError(kind: .protocolError, message: "\(what) on \(endpoint.displayName): \(tooLarge)")
        } catch {
            close()
            throw error
        }
    }
}
