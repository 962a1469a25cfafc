import CRMCore
import Foundation

/// One IMAP folder as the poller uses it. Implemented over libcurl by `CurlMailboxSession`. Every call blocks: run a
/// session on a thread of its own, never on the cooperative pool (DESIGN.md house rule 5). Not thread-safe; one
/// session serves one poller.
public protocol MailboxSession: AnyObject {
    /// The server's capabilities (upper-cased atoms such as `MOVE`, `ESEARCH`, `UIDPLUS`).
    func capabilities() throws -> Set<String>
    /// UIDVALIDITY, UIDNEXT and the message count of the session's folder (STATUS, never SELECT).
    func status() throws -> MailboxStatus
    /// Every UID of the folder greater than `uid` and at most `last`, ascending. Complete or an error: a cut, partial or
    /// failed answer throws, so the caller may take every UID up to `last` not returned as gone (INTERFACE.md §12).
    func uids(after uid: MessageUID, through last: MessageUID) throws -> [MessageUID]
    /// Every UID up to `last` of mail received (INTERNALDATE) on or after `day` (`YYYY-MM-DD`), ascending; complete or
    /// an error, like `uids(after:through:)`.
    func uids(since day: String, through last: MessageUID) throws -> [MessageUID]
    /// The whole message (RFC 822 bytes). Never sets `\Seen` (`BODY.PEEK[]`): a message is marked done only by the
    /// after-action, once its outcome is committed (INTERFACE.md §4).
    func fetch(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8]
    /// Whether the message carries `\Seen`.
    func isSeen(_ uid: MessageUID) throws -> Bool
    /// Sets or clears `\Seen`.
    func setSeen(_ seen: Bool, _ uid: MessageUID) throws
    /// Moves the message to `folder`: MOVE where offered, else COPY, `\Deleted` and UID EXPUNGE of that message only;
    /// without UIDPLUS, COPY and `\Deleted` only, never an EXPUNGE, which would remove other messages (§12).
    func move(_ uid: MessageUID, to folder: String) throws

    // The same for several messages at once: one command a batch instead of one round trip a message. The default
    // implementations below call the one-message forms in turn.

    /// The UIDs among `uids` that carry `\Seen`.
    func seen(among uids: [MessageUID]) throws -> Set<MessageUID>
    /// Sets or clears `\Seen` on every message of `uids`.
    func setSeen(_ seen: Bool, _ uids: [MessageUID]) throws
    /// Moves every message of `uids` to `folder`.
    func move(_ uids: [MessageUID], to folder: String) throws

    // §12 limits (defaults in MailboxSession+Limits.swift).

    /// The size in bytes of each of `uids` (RFC822.SIZE, RFC 3501 §6.4.5), learnt before fetching; a UID the server
    /// did not answer for is absent.
    func sizes(of uids: [MessageUID]) throws -> [MessageUID: Int]
    /// The whole message, refused with `MessageOverLimit` once more than `limit` bytes arrive.
    func fetch(_ uid: MessageUID, uidValidity: UIDValidity, limit: Int) throws -> [UInt8]
    /// Only the header section (`BODY.PEEK[HEADER]`), for a message too large to fetch whole. Never sets `\Seen`.
    func fetchHeader(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8]
    /// The whole messages of `uids` in one command, each at most `limit` bytes, never setting `\Seen`; a UID absent
    /// from the result is fetched one by one by the caller. Throws when the command fails as a whole.
    func fetch(_ uids: [MessageUID], uidValidity: UIDValidity, limit: Int) throws -> [MessageUID: [UInt8]]

    // The after-action's folder (defaults in MailboxSession+Folders.swift).

    /// The personal namespace (NAMESPACE, RFC 2342), else the separator `LIST "" ""` gives.
    func folderHierarchy() throws -> FolderHierarchy
    /// Whether the folder `wireName` exists and can hold messages (LIST).
    func folderExists(_ wireName: String) throws -> Bool
    /// Creates the folder `wireName` (CREATE); a refusal throws an `IMAPError` quoting the server's reply.
    func createFolder(_ wireName: String) throws
}

extension MailboxSession {
    /// Every UID greater than `uid`, up to the UIDNEXT that STATUS gives now.
    public func uids(after uid: MessageUID) throws -> [MessageUID] {
        try uids(after: uid, through: try status().uidNext.previous)
    }

    /// Every UID of mail received on or after `day`, up to the UIDNEXT that STATUS gives now.
    public func uids(since day: String) throws -> [MessageUID] {
        try uids(since: day, through: try status().uidNext.previous)
    }

    public func seen(among uids: [MessageUID]) throws -> Set<MessageUID> {
        var result: Set<MessageUID> = []
        for uid in uids where try isSeen(uid) { result.insert(uid) }
        return result
    }

    public func setSeen(_ seen: Bool, _ uids: [MessageUID]) throws {
        for uid in uids { try setSeen(seen, uid) }
    }

    public func move(_ uids: [MessageUID], to folder: String) throws {
        for uid in uids { try move(uid, to: folder) }
    }
}

/// `1:3,7,9:10`: UIDs as an IMAP sequence set (RFC 3501 §9 `sequence-set`), ascending ranges.
public func imapSequenceSet(_ uids: [MessageUID]) -> String {
    var parts: [String] = []
    var values = uids.map(\.rawValue).sorted()
    values = values.enumerated().filter { $0.offset == 0 || $0.element != values[$0.offset - 1] }.map(\.element)
    var index = 0
    while index < values.count {
        var end = index
        while end + 1 < values.count, values[end + 1] == values[end] + 1 { end += 1 }
        parts.append(end == index ? "\(values[index])" : "\(values[index]):\(values[end])")
        index = end + 1
    }
    return parts.joined(separator: ",")
}

extension MessageUID {
    /// The UID before this one (0 before 1): the last UID assigned when this one is UIDNEXT.
    public var previous: MessageUID { MessageUID(rawValue: rawValue > 0 ? rawValue - 1 : 0) }
}

/// What STATUS tells about a folder.
public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UIDValidity
    public var uidNext: MessageUID
    public var messages: Int
    public init(uidValidity: UIDValidity, uidNext: MessageUID, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}
