import CCurl
import CRMCore
import Glibc
import Logging

/// The connection of one mailbox that waits in IMAP IDLE (RFC 2177; INTERFACE.md §11) so that new mail wakes its poll
/// at once. libcurl has no IDLE: like `PeekConnection` it only connects (`CURLOPT_CONNECT_ONLY`: greeting, STARTTLS
/// or TLS verified as for polling, LOGIN or AUTHENTICATE XOAUTH2 with the endpoint's credential) and we speak
/// CAPABILITY, EXAMINE, STATUS, NOOP, IDLE and DONE over `curl_easy_send`/`curl_easy_recv`. Commands: `+Commands`.
///
/// Every wait is poll(2) on the socket and on `interrupt`, so a stop ends it at once; a command with no answer
/// within `answerTimeout` means a dead connection (a NAT box that dropped it silently). Blocking and not thread-safe:
/// one connection, one thread. Any failure leaves it to be closed; the watcher connects again.
public final class IdleConnection {
    public let endpoint: IMAPEndpoint
    let logger: Logger
    let interrupt: IdleInterrupt
    /// How long a command (NOOP, DONE, STATUS…) may go without an answer before the connection counts as dead.
    public var answerTimeout: Duration
    private var handle: UnsafeMutableRawPointer?
    private var socket: curl_socket_t = -1
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let headers = TransferBuffer()
    private let chunk: UnsafeMutableRawBufferPointer
    var reader = IMAPLiteralReader(maxLiteral: 1 << 20)
    private var tagNumber = 0
    var byeLine: String?

    public init(endpoint: IMAPEndpoint, interrupt: IdleInterrupt, logger: Logger = Logger(label: "crmservice.idle")) {
        _ = curlGlobalInit
        self.endpoint = endpoint
        self.interrupt = interrupt
        self.logger = logger
        answerTimeout = endpoint.lowSpeedTimeout
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        chunk = .allocate(byteCount: 16 << 10, alignment: 1)
    }

    deinit {
        close()
        errorBuffer.deallocate()
        chunk.deallocate()
    }

    public var isOpen: Bool { handle != nil }

    /// Drops the connection without LOGOUT (a stop must not wait for the server).
    public func close() {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        socket = -1
        reader = IMAPLiteralReader(maxLiteral: 1 << 20)
    }

    func nextTag() -> String {
        tagNumber += 1
        return "I\(tagNumber)"
    }

    /// Lets libcurl connect, secure and log in, then takes the socket and tightens its keepalive.
    public func connect() throws {
        guard handle == nil else { return }
        guard let h = curl_easy_init() else {
            throw IMAPError(kind: .protocolError, message: "curl_easy_init failed for \(endpoint.displayName)")
        }
        handle = h
        var ok = endpoint.applyConnectionOptions(to: h, errorBuffer: errorBuffer)
        if crm_curl_setopt_string(h, CURLOPT_URL, endpoint.serverURL) != CURLE_OK { ok = false }
        if crm_curl_setopt_long(h, CURLOPT_CONNECT_ONLY, 1) != CURLE_OK { ok = false }
        // Keepalive probes from the first idle minute keep a NAT mapping alive and find a dead peer within minutes.
        if crm_curl_setopt_long(h, CURLOPT_TCP_KEEPIDLE, 60) != CURLE_OK { ok = false }
        if crm_curl_setopt_long(h, CURLOPT_TCP_KEEPINTVL, 30) != CURLE_OK { ok = false }
        if crm_curl_setopt_data_callback(h, CURLOPT_HEADERFUNCTION, { ptr, size, count, user in
            guard let user else { return 0 }
            let n = size * count
            guard n > 0, let ptr else { return n }
            let buffer = Unmanaged<TransferBuffer>.fromOpaque(user).takeUnretainedValue()
            ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                buffer.serverLines.note(UnsafeBufferPointer(start: $0, count: n))
            }
            return n
        }) != CURLE_OK { ok = false }
        if crm_curl_setopt_pointer(h, CURLOPT_HEADERDATA, Unmanaged.passUnretained(headers).toOpaque()) != CURLE_OK {
            ok = false
        }
        guard ok else {
            close()
            throw IMAPError(kind: .protocolError, message: "libcurl refused an option for \(endpoint.displayName)")
        }
        errorBuffer[0] = 0
        let code = curl_easy_perform(h)
        guard code == CURLE_OK else {
            let error = curlError(code, what: "connecting for IDLE")
            close()
            throw error
        }
        var s: curl_socket_t = -1
        guard crm_curl_getinfo_socket(h, CURLINFO_ACTIVESOCKET, &s) == CURLE_OK, s >= 0 else {
            close()
            throw IMAPError(kind: .connect, message: "no socket after connecting to \(endpoint.displayName)")
        }
        socket = s
        // Give up on a peer after 4 unanswered probes (about 3 minutes) rather than Linux's 9.
        var probes: Int32 = 4
        _ = setsockopt(s, Int32(IPPROTO_TCP), TCP_KEEPCNT, &probes, socklen_t(MemoryLayout<Int32>.size))
    }

    // MARK: Bytes

    func send(_ text: String) throws {
        guard let handle else { throw closedError() }
        let bytes = Array(text.utf8)
        let deadline = ContinuousClock.now + answerTimeout
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes {
                curl_easy_send(handle, $0.baseAddress! + offset, bytes.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                guard try wait(for: Int16(POLLOUT), until: deadline) else {
                    throw IMAPError(kind: .timeout, message: "IDLE on \(endpoint.displayName): cannot send for "
                                    + "\(answerTimeout)")
                }
                continue
            }
            guard code == CURLE_OK else { throw curlError(code, what: "sending to the server") }
            offset += sent
        }
    }

    /// The next server line, or nil when `deadline` passed first. Throws `IdleInterrupted` on a stop.
    func readLine(until deadline: ContinuousClock.Instant) throws -> IMAPLiteralReader.Line? {
        while true {
            if let line = try reader.nextLine() { return line }
            guard let handle else { throw closedError() }
            var received = 0
            let code = curl_easy_recv(handle, chunk.baseAddress, chunk.count, &received)
            if code == CURLE_AGAIN {
                guard try wait(for: Int16(POLLIN), until: deadline) else { return nil }
                continue
            }
            guard code == CURLE_OK else { throw curlError(code, what: "reading from the server") }
            guard received > 0 else { throw closedError() }
            reader.feed(UnsafeRawBufferPointer(rebasing: chunk[..<received]))
        }
    }

    /// poll(2) on the socket and the interrupt until `deadline`: true when the socket is ready, false at the deadline.
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant) throws -> Bool {
        var fds = [pollfd(fd: socket, events: events, revents: 0),
                   pollfd(fd: interrupt.descriptor, events: Int16(POLLIN), revents: 0)]
        while true {
            if interrupt.isSignalled { throw IdleInterrupted() }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return false }
            fds[0].revents = 0
            fds[1].revents = 0
            let r = poll(&fds, 2, IdleInterrupt.milliseconds(left))
            if interrupt.isSignalled { throw IdleInterrupted() }
            if r > 0, fds[0].revents != 0 { return true }
            if r < 0, errno != EINTR {
                throw IMAPError(kind: .connect, message: "poll failed on \(endpoint.displayName)")
            }
        }
    }

    // MARK: Errors

    func closedError() -> IMAPError {
        var message = "IDLE on \(endpoint.displayName): the server closed the connection"
        if let byeLine { message += "; server: \(byeLine)" }
        return IMAPError(kind: .connect, message: redacted(message))
    }

    private func curlError(_ code: CURLcode, what: String) -> IMAPError {
        var message = "\(what) on \(endpoint.displayName) as \(endpoint.user) failed: "
        message += String(cString: curl_easy_strerror(code))
        let detail = String(cString: errorBuffer)
        if !detail.isEmpty { message += " (\(detail))" }
        if let reply = headers.serverLines.quoted { message += "; server: \(reply)" }
        return IMAPError(kind: PeekConnection.kind(of: code), message: redacted(message), curlCode: Int(code.rawValue))
    }

    /// Never lets the secret through, whatever libcurl or the server put in the text.
    func redacted(_ text: String) -> String {
        let secret = endpoint.credential.secret
        guard !secret.isEmpty else { return text }
        return text.replacing(secret, with: "<redacted>")
    }
}

/// A stop (SIGTERM, standby) ended an IDLE wait: not a failure, the watcher just ends.
public struct IdleInterrupted: Error, Sendable {}

/// The server answered IDLE with a tagged reply (`NO`, `BAD`) although it advertised it: polling at the interval only.
public struct IdleRefused: Error, Sendable, CustomStringConvertible {
    /// The reply, tag included, secrets redacted.
    public var reply: String
    public var description: String { "the server refused IDLE: \(reply)" }
}

@available(*, unavailable)
extension IdleConnection: Sendable {}
