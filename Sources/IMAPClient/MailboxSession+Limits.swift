import CRMCore

/// Defaults of the §12 calls for sessions that have no cheaper way: they fetch the whole message.
extension MailboxSession {
    public func sizes(of uids: [MessageUID]) throws -> [MessageUID: Int] { [:] }

    public func fetch(_ uid: MessageUID, uidValidity: UIDValidity, limit: Int) throws -> [UInt8] {
        let bytes = try fetch(uid, uidValidity: uidValidity)
        guard bytes.count <= limit else { throw MessageOverLimit(uid: uid, limit: limit, received: bytes.count) }
        return bytes
    }

    public func fetchHeader(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8] {
        headerSection(of: try fetch(uid, uidValidity: uidValidity))
    }
}

/// The header section of `message`: up to and including the empty line that ends it (RFC 5322 §2.1), at most
/// `bound` bytes; the whole (bounded) when it has no empty line.
public func headerSection(of message: [UInt8], bound: Int = 1 << 20) -> [UInt8] {
    var index = 0
    let end = min(message.count, bound)
    while index < end {
        if message[index] == 0x0A {
            if index + 1 < message.count, message[index + 1] == 0x0A { return Array(message[...(index + 1)]) }
            if index + 2 < message.count, message[index + 1] == 0x0D, message[index + 2] == 0x0A {
                return Array(message[...(index + 2)])
            }
        }
        index += 1
    }
    return Array(message[..<end])
}
