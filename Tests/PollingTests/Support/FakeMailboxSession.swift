import CRMCore
import Foundation
import IMAPClient
import Synchronization

/// The server side of a fake IMAP folder: messages by UID with their `\Seen` flag, other folders for MOVE, and
/// faults to inject. Shared by the sessions opened on it (one per poll), like a real server.
final class FakeMailbox: @unchecked Sendable {
    struct Message {
        var bytes: [UInt8]
        var seen: Bool
        var internalDay: String
    }

    private let lock = NSLock()
    private var _messages: [UInt32: Message] = [:]
    private var _moved: [String: [[UInt8]]] = [:]
    private var _uidValidity: UInt32 = 100
    private var _uidNext: UInt32 = 1
    /// Every call the sessions made, e.g. `fetch 3`, `seen 3 true`.
    private var _calls: [String] = []
    /// Calls that fail: a predicate over the call text, consumed once it fired when `once`.
    private var faults: [(matches: (String) -> Bool, error: any Error, once: Bool)] = []

    struct Fault: Error, CustomStringConvertible {
        var description: String
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Appends a message; returns its UID.
    @discardableResult
    func append(_ bytes: [UInt8], seen: Bool = false, day: String = "2026-11-30") -> MessageUID {
        locked {
            let uid = _uidNext
            _uidNext += 1
            _messages[uid] = Message(bytes: bytes, seen: seen, internalDay: day)
            return MessageUID(uid)
        }
    }

    /// A new UIDVALIDITY with every message renumbered from 1 (what a server does when it rebuilds its index).
    func resetUIDValidity() {
        locked {
            _uidValidity += 1
            let old = _messages.sorted { $0.key < $1.key }.map(\.value)
            _messages = [:]
            for (index, message) in old.enumerated() { _messages[UInt32(index + 1)] = message }
            _uidNext = UInt32(old.count + 1)
        }
    }

    func fail(when matches: @escaping (String) -> Bool, with error: any Error = Fault(description: "connection dropped"),
              once: Bool = true) {
        locked { faults.append((matches, error, once)) }
    }

    var messages: [UInt32: Message] { locked { _messages } }
    var moved: [String: [[UInt8]]] { locked { _moved } }
    var calls: [String] { locked { _calls } }
    var uidValidity: UInt32 { locked { _uidValidity } }

    /// Records a call and throws the first fault that matches it.
    func enter(_ call: String) throws {
        try locked {
            _calls.append(call)
            if let index = faults.firstIndex(where: { $0.matches(call) }) {
                let fault = faults[index]
                if fault.once { faults.remove(at: index) }
                throw fault.error
            }
        }
    }

    func status() -> MailboxStatus {
        locked { MailboxStatus(uidValidity: UIDValidity(_uidValidity), uidNext: MessageUID(_uidNext), messages: _messages.count) }
    }

    func setSeen(_ seen: Bool, _ uid: UInt32) { locked { _messages[uid]?.seen = seen } }

    func fetch(_ uid: UInt32, validity: UInt32) throws -> [UInt8] {
        try locked {
            guard validity == _uidValidity, var message = _messages[uid] else { throw Fault(description: "no such message") }
            message.seen = true
            _messages[uid] = message
            return message.bytes
        }
    }

    func move(_ uid: UInt32, to folder: String) {
        locked {
            if let message = _messages.removeValue(forKey: uid) { _moved[folder, default: []].append(message.bytes) }
        }
    }
}

/// A `MailboxSession` on a `FakeMailbox`.
final class FakeMailboxSession: MailboxSession {
    let mailbox: FakeMailbox

    init(_ mailbox: FakeMailbox) { self.mailbox = mailbox }

    func capabilities() throws -> Set<String> { ["IMAP4REV1", "MOVE", "UIDPLUS"] }

    func status() throws -> MailboxStatus {
        try mailbox.enter("status")
        return mailbox.status()
    }

    func uids(after uid: MessageUID, through last: MessageUID) throws -> [MessageUID] {
        try mailbox.enter("uids after \(uid)")
        return mailbox.messages.keys.filter { $0 > uid.rawValue && $0 <= last.rawValue }.sorted().map { MessageUID($0) }
    }

    func uids(since day: String, through last: MessageUID) throws -> [MessageUID] {
        try mailbox.enter("uids since \(day)")
        return mailbox.messages.filter { $0.value.internalDay >= day && $0.key <= last.rawValue }.keys.sorted()
            .map { MessageUID($0) }
    }

    func fetch(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8] {
        try mailbox.enter("fetch \(uid)")
        return try mailbox.fetch(uid.rawValue, validity: uidValidity.rawValue)
    }

    func isSeen(_ uid: MessageUID) throws -> Bool {
        try mailbox.enter("isSeen \(uid)")
        return mailbox.messages[uid.rawValue]?.seen ?? false
    }

    func setSeen(_ seen: Bool, _ uid: MessageUID) throws {
        try mailbox.enter("seen \(uid) \(seen)")
        mailbox.setSeen(seen, uid.rawValue)
    }

    func move(_ uid: MessageUID, to folder: String) throws {
        try mailbox.enter("move \(uid) \(folder)")
        mailbox.move(uid.rawValue, to: folder)
    }
}

/// A plain message with `Message-ID: <id>`.
func message(_ id: String, from: String = "stranger@nowhere.example", subject: String = "Hello") -> [UInt8] {
    Array("""
        From: \(from)\r
        To: alice@example.com\r
        Subject: \(subject)\r
        Message-ID: <\(id)>\r
        Date: Mon, 30 Nov 2026 10:00:00 +0000\r
        \r
        Body of \(id)\r

        """.utf8)
}
