import CRMCore
import MailMIME

extension MessageIdentity {
    /// The identity of a message (INTERFACE.md §4.8): its `Message-ID` when it has a non-blank one, else the SHA-256
    /// of `rawBytes` (the whole message as fetched). The duplicate check against the store is the writer's.
    public init(_ message: ParsedMessage, rawBytes: some Sequence<UInt8>) {
        if let id = message.messageID?.trimmingASCIIWhitespace(), !id.isEmpty {
            self = .messageID(id)
        } else {
            self = .contentSHA256(SHA256.hexDigest(rawBytes))
        }
    }
}
