import CCurl
import CRMCore
import Logging
import Synchronization

/// `MailboxSession` over one libcurl easy handle, kept across calls so that one connection (and its selected folder)
/// serves a whole poll. Blocking and not thread-safe: one session, one thread.
///
/// What libcurl 7.88 does with Dovecot 2.3 here (checked with `curl -v`, see ../shared/DESIGN.md):
/// - A custom request on the server URL (`imaps://host/`) runs without selecting: used for CAPABILITY and STATUS.
/// - A custom request on the folder URL (`imaps://host/FOLDER`) makes libcurl SELECT the folder first (once per
///   connection; later requests on the same URL reuse the selection): used for UID SEARCH/FETCH FLAGS/STORE/MOVE.
///   SELECT/EXAMINE are never sent as custom requests.
/// - Untagged replies (`* ESEARCH`, `* STATUS`, `* n FETCH`) reach the write callback; tagged ones only the header
///   callback, which we keep for error messages.
/// - `UID SEARCH RETURN (ALL COUNT) UID a:b` answers `* ESEARCH (TAG "A004") UID ALL 1:20000 COUNT 20000` (ranges;
///   COUNT after ALL), `UID COUNT 0` when nothing matched. A line longer than half the receive buffer is cut in the
///   middle without an error, one over ~300 KB fails the transfer: searches go over bounded UID ranges, each answer
///   checked complete (`UIDSearchAnswer`).
/// - `imap://` always runs STARTTLS (CURLUSESSL_ALL; CURLE_USE_SSL_FAILED when not offered), then verifies the
///   certificate like imaps. (Dovecot 2.3 itself would accept a plaintext login from 127.0.0.1 to 127.0.0.1, which
///   it counts as secured, despite disable_plaintext_auth.)
/// - XOAUTH2 (CURLOPT_XOAUTH2_BEARER + CURLOPT_LOGIN_OPTIONS "AUTH=XOAUTH2") sends AUTHENTICATE XOAUTH2 — but when
///   the server offers OAUTHBEARER too, libcurl 7.88 sends AUTHENTICATE OAUTHBEARER with the same token.
/// - The first custom CAPABILITY after login lists the post-login capabilities (MOVE, ESEARCH, UIDPLUS).
/// - One handle keeps one connection: a test saw one login for STATUS, five searches and three fetches; after a
///   failed transfer the handle is dropped and the next call logs in again.
/// - libcurl fetches message bodies only through `FOLDER;UIDVALIDITY=v/;UID=n` URLs (BODY[], sets \Seen): we fetch
///   them over a CONNECT_ONLY connection of our own with BODY.PEEK[] instead (`PeekConnection`). Dovecot serves a
///   Maildir file written with LF line ends with CRLF line ends.
public final class CurlMailboxSession: MailboxSession {
    public let endpoint: IMAPEndpoint
    private let logger: Logger
    private var handle: UnsafeMutableRawPointer?
    let buffer = TransferBuffer()
    let errorBuffer: UnsafeMutablePointer<CChar>
    private var cachedCapabilities: Set<String>?
    /// Whether libcurl has selected the folder on the current connection.
    private var folderSelected = false
    /// Capabilities to act as if the server lacked (tests of the ESEARCH-less and MOVE-less paths).
    var ignoredCapabilities: Set<String> = []
    /// Message bodies over a connection of their own, never setting `\Seen` (libcurl's URL fetch would).
    lazy var peek = PeekConnection(endpoint: endpoint, logger: logger)

    /// A bigger receive buffer than libcurl's 16 KiB: with the default, a long untagged line is cut silently.
    static let bufferSize = 1 << 20
    /// Width of the UID ranges searched one at a time. Its longest answer, `* SEARCH` with every UID of the range at 10
    /// digits (11 bytes each, 110 KB), stays below half of the smallest receive buffer we accept (512 KiB), the length
    /// beyond which libcurl cuts a line: a plain SEARCH, which carries no count to check, is never cut.
    static let searchWidth: UInt32 = 10_000
    /// Mailboxes already told that they lack both MOVE and UIDPLUS (logged once a process, not at every poll).
    private static let toldNoExpunge = Mutex<Set<String>>([])

    public init(endpoint: IMAPEndpoint, logger: Logger = Logger(label: "crmservice.imap")) {
        _ = curlGlobalInit
        self.endpoint = endpoint
        self.logger = logger
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        closeConnection()
        errorBuffer.deallocate()
    }

    /// Drops the connection; the next call connects again.
    public func closeConnection() {
        peek.close()
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        folderSelected = false
    }

    // MARK: MailboxSession

    public func capabilities() throws -> Set<String> {
        if let cachedCapabilities { return cachedCapabilities.subtracting(ignoredCapabilities) }
        let reply = try perform(endpoint.serverURL, command: "CAPABILITY", what: "CAPABILITY")
        let caps = IMAPResponseParser.capabilities(reply)
        guard !caps.isEmpty else { throw protocolError("CAPABILITY", "no CAPABILITY response") }
        cachedCapabilities = caps
        return caps.subtracting(ignoredCapabilities)
    }

    public func status() throws -> MailboxStatus {
        try syncSelectedFolder()
        let command = "STATUS \(IMAPSyntax.quoted(endpoint.folder)) (UIDVALIDITY UIDNEXT MESSAGES)"
        let reply = try perform(endpoint.serverURL, command: command, what: "STATUS")
        guard let status = IMAPResponseParser.status(reply) else {
            throw protocolError("STATUS", "no usable STATUS response")
        }
        return status
    }

    public func uids(after uid: MessageUID, through last: MessageUID) throws -> [MessageUID] {
        guard uid < last else { return [] }
        return try search((uid.rawValue + 1)...last.rawValue, criteria: "")
    }

    public func uids(since day: String, through last: MessageUID) throws -> [MessageUID] {
        guard let date = IMAPSyntax.searchDate(day) else {
            throw IMAPError(kind: .protocolError, message: "uids(since:) needs a day as YYYY-MM-DD, not \(day)")
        }
        guard last.rawValue > 0 else { return [] }
        return try search(1...last.rawValue, criteria: " SINCE \(date)")
    }

    /// `UID FETCH n BODY.PEEK[]` in the EXAMINEd folder over `peek`: never sets `\Seen`.
    public func fetch(_ uid: MessageUID, uidValidity: UIDValidity) throws -> [UInt8] {
        try peek.fetch(uid, uidValidity: uidValidity, section: .whole)
    }

    public func isSeen(_ uid: MessageUID) throws -> Bool {
        let reply = try perform(
            endpoint.folderURL, command: "UID FETCH \(uid) (FLAGS)", what: "UID FETCH \(uid) FLAGS", selects: true)
        guard let flags = IMAPResponseParser.flags(reply) else {
            throw protocolError("UID FETCH \(uid) FLAGS", "no message with UID \(uid)")
        }
        return flags.contains("\\SEEN")
    }

    public func seen(among uids: [MessageUID]) throws -> Set<MessageUID> {
        guard !uids.isEmpty else { return [] }
        let set = imapSequenceSet(uids)
        let reply = try perform(
            endpoint.folderURL, command: "UID FETCH \(set) (FLAGS)", what: "UID FETCH \(set) FLAGS", selects: true)
        return Set(IMAPResponseParser.flagsByUID(reply).filter { $0.value.contains("\\SEEN") }.keys.map { MessageUID(rawValue: $0) })
    }

    public func setSeen(_ seen: Bool, _ uids: [MessageUID]) throws {
        guard !uids.isEmpty else { return }
        let command = "UID STORE \(imapSequenceSet(uids)) \(seen ? "+" : "-")FLAGS.SILENT (\\Seen)"
        _ = try perform(endpoint.folderURL, command: command, what: command, selects: true)
    }

    public func move(_ uids: [MessageUID], to folder: String) throws {
        guard !uids.isEmpty else { return }
        try move(set: imapSequenceSet(uids), to: folder)
    }

    public func setSeen(_ seen: Bool, _ uid: MessageUID) throws {
        try setSeen(seen, [uid])
    }

    public func move(_ uid: MessageUID, to folder: String) throws {
        try move(set: "\(uid)", to: folder)
    }

    /// Moves the messages of the UID set `set` (one UID or `1:3,7`).
    private func move(set: String, to folder: String) throws {
        guard !folder.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw IMAPError(kind: .protocolError, message: "bad target folder name for UID \(set)")
        }
        let target = IMAPSyntax.quoted(folder)
        let caps = try capabilities()
        if caps.contains("MOVE") {
            // RFC 6851 §3.1
            let command = "UID MOVE \(set) \(target)"
            _ = try perform(endpoint.folderURL, command: command, what: command, selects: true)
        } else {
            // RFC 3501 §6.4.7 and §6.4.6, then RFC 4315 §2.1: UID EXPUNGE removes only these messages. A plain EXPUNGE
            // would also remove every message another client flagged \Deleted (§12: never), so without UIDPLUS the
            // copies stay flagged in the folder for their owner's client to expunge.
            _ = try perform(endpoint.folderURL, command: "UID COPY \(set) \(target)", what: "UID COPY \(set)", selects: true)
            let store = "UID STORE \(set) +FLAGS.SILENT (\\Deleted)"
            _ = try perform(endpoint.folderURL, command: store, what: store, selects: true)
            if caps.contains("UIDPLUS") {
                let expunge = "UID EXPUNGE \(set)"
                _ = try perform(endpoint.folderURL, command: expunge, what: expunge, selects: true)
            } else if Self.toldNoExpunge.withLock({ $0.insert(endpoint.displayName).inserted }) {
                logger.notice("""
                    the server offers neither MOVE nor UIDPLUS: moved messages are copied and flagged \\Deleted, \
                    never expunged (an EXPUNGE would remove other messages flagged \\Deleted too)
                    """,
                    metadata: ["imap.mailbox": "\(endpoint.displayName)", "imap.target": "\(folder)"])
            }
        }
    }

    // MARK: Transfers

    /// A NOOP in the selected folder, so that a later SEARCH or STATUS sees mail that arrived since the selection.
    private func syncSelectedFolder() throws {
        guard folderSelected else { return }
        _ = try perform(endpoint.folderURL, command: "NOOP", what: "NOOP", selects: true)
    }

    /// Every UID of `range` matching `criteria`: `UID SEARCH [RETURN (ALL COUNT)] UID a:b<criteria>` over ranges of
    /// `searchWidth` UIDs, each answer checked complete, so that the caller may treat every UID of `range` not returned
    /// as gone (§12). With ESEARCH, a range that holds nothing is followed by `RETURN (MIN)` over the rest, so that a
    /// mailbox whose UIDs are far apart costs a search or two per message, never one per 10,000 unused UIDs.
    private func search(_ range: ClosedRange<UInt32>, criteria: String) throws -> [MessageUID] {
        let extended = try capabilities().contains("ESEARCH")
        // The caller's UIDNEXT came from STATUS; a NOOP after it lets the selected folder see every message below it.
        try syncSelectedFolder()
        var all: [UInt32] = []
        var start = range.lowerBound
        while true {
            let end = range.upperBound - start < Self.searchWidth ? range.upperBound : start + Self.searchWidth - 1
            let found = try searchChunk(start...end, criteria: criteria, extended: extended)
            all += found
            guard end < range.upperBound else { break }
            if found.isEmpty, extended {
                guard let next = try least((end + 1)...range.upperBound, criteria: criteria) else { break }
                start = next
            } else {
                start = end + 1
            }
        }
        return all.map { MessageUID(rawValue: $0) }
    }

    private func searchChunk(_ range: ClosedRange<UInt32>, criteria: String, extended: Bool) throws -> [UInt32] {
        let returns = extended ? "RETURN (ALL COUNT) " : ""
        let command = "UID SEARCH \(returns)UID \(range.lowerBound):\(range.upperBound)\(criteria)"
        let reply = try perform(endpoint.folderURL, command: command, what: "UID SEARCH", selects: true)
        do {
            return try UIDSearchAnswer(reply, range: range, extended: extended).uids
        } catch {
            throw incomplete(error)
        }
    }

    /// The least UID of `range` matching `criteria` (ESEARCH only), nil when none does.
    private func least(_ range: ClosedRange<UInt32>, criteria: String) throws -> UInt32? {
        let command = "UID SEARCH RETURN (MIN) UID \(range.lowerBound):\(range.upperBound)\(criteria)"
        let reply = try perform(endpoint.folderURL, command: command, what: "UID SEARCH", selects: true)
        do {
            return try UIDSearchAnswer.least(reply, range: range)
        } catch {
            throw incomplete(error)
        }
    }

    private func incomplete(_ error: UIDSearchAnswer.Incomplete) -> IMAPError {
        protocolError("UID SEARCH UID \(error.range.lowerBound):\(error.range.upperBound)",
                      "a cut or partial answer (\(error.reason))")
    }

    func protocolError(_ what: String, _ detail: String) -> IMAPError {
        IMAPError(kind: .protocolError, message: "\(what) on \(endpoint.displayName): \(detail)")
    }

    /// Runs one transfer; returns what reached the write callback. A failure closes the connection.
    func perform(_ url: String, command: String?, what: String, selects: Bool = false) throws -> [UInt8] {
        let h = try connectionHandle()
        buffer.reset()
        errorBuffer[0] = 0
        crm_curl_setopt_string(h, CURLOPT_URL, url)
        crm_curl_setopt_string(h, CURLOPT_CUSTOMREQUEST, command)
        let code = curl_easy_perform(h)
        if code != CURLE_OK {
            let error = makeError(code, what: what)
            logger.debug("imap transfer failed", metadata: ["imap.kind": "\(error.kind.rawValue)"])
            closeConnection()
            throw error
        }
        if selects { folderSelected = true }
        return buffer.body
    }

    private func connectionHandle() throws -> UnsafeMutableRawPointer {
        if let handle { return handle }
        guard let h = curl_easy_init() else {
            throw IMAPError(kind: .protocolError, message: "curl_easy_init failed for \(endpoint.displayName)")
        }
        var ok = true
        func set(_ r: CURLcode) { if r != CURLE_OK { ok = false } }
        if !endpoint.applyConnectionOptions(to: h, errorBuffer: errorBuffer) { ok = false }
        // Before the first transfer: the receive buffer is sized when the connection is made.
        if crm_curl_setopt_long(h, CURLOPT_BUFFERSIZE, Self.bufferSize) != CURLE_OK {
            set(crm_curl_setopt_long(h, CURLOPT_BUFFERSIZE, 512 * 1024))
        }
        let opaque = Unmanaged.passUnretained(buffer).toOpaque()
        set(crm_curl_setopt_data_callback(h, CURLOPT_WRITEFUNCTION) { ptr, size, count, user in
            guard let user else { return 0 }
            let n = size * count
            guard n > 0, let ptr else { return n }
            let buffer = Unmanaged<TransferBuffer>.fromOpaque(user).takeUnretainedValue()
            let accepted = ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                buffer.append(UnsafeBufferPointer(start: $0, count: n))
            }
            return accepted ? n : 0
        })
        set(crm_curl_setopt_pointer(h, CURLOPT_WRITEDATA, opaque))
        set(crm_curl_setopt_data_callback(h, CURLOPT_HEADERFUNCTION) { ptr, size, count, user in
            guard let user else { return 0 }
            let n = size * count
            guard n > 0, let ptr else { return n }
            let buffer = Unmanaged<TransferBuffer>.fromOpaque(user).takeUnretainedValue()
            ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                buffer.serverLines.note(UnsafeBufferPointer(start: $0, count: n))
            }
            return n
        })
        set(crm_curl_setopt_pointer(h, CURLOPT_HEADERDATA, opaque))
        guard ok else {
            curl_easy_cleanup(h)
            throw IMAPError(kind: .protocolError, message: "libcurl refused an option for \(endpoint.displayName)")
        }
        handle = h
        folderSelected = false
        return h
    }

}

@available(*, unavailable)
extension CurlMailboxSession: Sendable {}

/// curl_global_init, once per process (thread-safe in libcurl 7.84+, and a lazy global here).
let curlGlobalInit: Void = {
    _ = curl_global_init(3)  // CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32 = CURL_GLOBAL_DEFAULT
}()
