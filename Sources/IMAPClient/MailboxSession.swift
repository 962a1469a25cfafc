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
    /// Every UID greater than `uid` in the folder, ascending; never cut short, whatever their number.
    func uids(after uid: MessageUID) throws -> [MessageUID]
    /// Every UID of mail received (INTERNALDATE) on or after `day` (`YYYY-MM-DD`), ascending.
    func uids(since day: String) throws -> [MessageUID]
    /// The whole message (RFC 822 bytes). Sets `\Seen` on the server, as any `BODY[]` fetch does.
    func fetch(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8]
    /// Whether the message carries `\Seen`.
    func isSeen(_ uid: MessageUID) throws -> Bool
    /// Sets or clears `\Seen`.
    func setSeen(_ seen: Bool, _ uid: MessageUID) throws
    /// Moves the message to `folder` (MOVE where offered, else COPY, `\Deleted` and UID EXPUNGE).
    func move(_ uid: MessageUID, to folder: String) throws
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
