import CCurl
import CRMCore
import Glibc
import Logging

/// A connection of our own for fetching message bodies without setting `\Seen` (INTERFACE.md §4: a message is marked
/// done only once its outcome is committed). libcurl's URL fetch sends `BODY[]`, which sets `\Seen`, and has no PEEK
/// form; a custom `UID FETCH n BODY.PEEK[]` through it is unsafe, since it reads the literal line by line and a line
/// of the message that looks like a tagged reply ends the command.
///
/// So libcurl only connects (`CURLOPT_CONNECT_ONLY`: greeting, STARTTLS or TLS with verification, login or XOAUTH2,
/// with the options of the session's handle) and we speak over `curl_easy_send`/`curl_easy_recv`: `EXAMINE` (read-only,
/// so no fetch can set `\Seen`), then `UID FETCH n BODY.PEEK[]`, answers cut by `IMAPLiteralReader`, which takes
/// literals by count. Commands and fetch logic: `PeekConnection+Fetch.swift`.
///
/// Blocking and not thread-safe, like the session that owns it. Kept open for the session's life; any failure closes
/// it and the next fetch connects again.
final class PeekConnection {
    let endpoint: IMAPEndpoint
    let logger: Logger
    private var handle: UnsafeMutableRawPointer?
    private var socket: curl_socket_t = -1
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Only the last server line libcurl saw while connecting (for a refused login).
    private let headers = TransferBuffer()
    private let chunk: UnsafeMutableRawBufferPointer
    var reader = IMAPLiteralReader(maxLiteral: PeekConnection.defaultMaxBytes)
    private var tagNumber = 0
    /// What EXAMINE reported on this connection; nil until it ran.
    var examinedValidity: UIDValidity?
    /// The last `* BYE` line, quoted when the server then closes the connection.
    var byeLine: String?
    /// The current fetch failed because the connection went away (closed by the server, a send or receive error).
    var lost = false

    /// The bound of a fetched literal when the caller gives none.
    static let defaultMaxBytes = 64 << 20

    init(endpoint: IMAPEndpoint, logger: Logger) {
        self.endpoint = endpoint
        self.logger = logger
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        chunk = .allocate(byteCount: 64 << 10, alignment: 1)
    }

    deinit {
        close()
        errorBuffer.deallocate()
        chunk.deallocate()
    }

    var isOpen: Bool { handle != nil }

    /// Drops the connection (a logout is not worth a round trip); the next fetch connects again.
    func close() {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        socket = -1
        examinedValidity = nil
        byeLine = nil
        reader = IMAPLiteralReader(maxLiteral: Self.defaultMaxBytes)
    }

    /// A fresh tag: `P1`, `P2`... (libcurl's own are `A001`...; on this connection only ours are used).
    func nextTag() -> String {
        tagNumber += 1
        return "P\(tagNumber)"
    }

    // MARK: Connecting

    /// Lets libcurl connect and log in, then takes the socket.
    func connect() throws {
        guard handle == nil else { return }
        guard let h = curl_easy_init() else {
            throw IMAPError(kind: .protocolError, message: "curl_easy_init failed for \(endpoint.displayName)")
        }
        handle = h
        guard configure(h) else {
            close()
            throw IMAPError(kind: .protocolError, message: "libcurl refused an option for \(endpoint.displayName)")
        }
        errorBuffer[0] = 0
        let code = curl_easy_perform(h)
        guard code == CURLE_OK else {
            let error = curlError(code, what: "connecting for FETCH")
            close()
            throw error
        }
        var s: curl_socket_t = -1
        guard crm_curl_getinfo_socket(h, CURLINFO_ACTIVESOCKET, &s) == CURLE_OK, s >= 0 else {
            close()
            throw IMAPError(kind: .connect, message: "no socket after connecting to \(endpoint.displayName)")
        }
        socket = s
    }

    /// The endpoint's connection options, the same as `CurlMailboxSession`'s handle (TLS verified, STARTTLS required),
    /// plus CONNECT_ONLY.
    private func configure(_ h: UnsafeMutableRawPointer) -> Bool {
        var ok = true
        func set(_ r: CURLcode) { if r != CURLE_OK { ok = false } }
        set(crm_curl_setopt_string(h, CURLOPT_URL, endpoint.serverURL))
        set(crm_curl_setopt_long(h, CURLOPT_CONNECT_ONLY, 1))
        if !endpoint.applyConnectionOptions(to: h, errorBuffer: errorBuffer) { ok = false }
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
        set(crm_curl_setopt_pointer(h, CURLOPT_HEADERDATA, Unmanaged.passUnretained(headers).toOpaque()))
        return ok
    }

    // MARK: Bytes

    /// Sends all of `text`, waiting for the socket as needed.
    func send(_ text: String) throws {
        guard let handle else { throw closedError() }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes {
                curl_easy_send(handle, $0.baseAddress! + offset, bytes.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT))
                continue
            }
            guard code == CURLE_OK else { throw lostConnection(curlError(code, what: "sending to the server")) }
            offset += sent
        }
    }

    /// The next response line, reading from the socket as needed.
    func readLine() throws -> IMAPLiteralReader.Line {
        while true {
            if let line = try reader.nextLine() { return line }
            guard let handle else { throw closedError() }
            var received = 0
            let code = curl_easy_recv(handle, chunk.baseAddress, chunk.count, &received)
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLIN))
                continue
            }
            guard code == CURLE_OK else { throw lostConnection(curlError(code, what: "reading from the server")) }
            guard received > 0 else { throw closedError() }
            reader.feed(UnsafeRawBufferPointer(rebasing: chunk[..<received]))
        }
    }

    /// poll(2) on the socket, at most the endpoint's low-speed timeout.
    private func wait(for events: Int16) throws {
        var fd = pollfd(fd: socket, events: events, revents: 0)
        let timeout = Int32(clamping: IMAPEndpoint.milliseconds(endpoint.lowSpeedTimeout))
        while true {
            let r = poll(&fd, 1, timeout)
            if r > 0 { return }
            if r == 0 {
                throw IMAPError(kind: .timeout, message: "FETCH on \(endpoint.displayName): no byte moved for "
                                + "\(timeout) ms")
            }
            if errno != EINTR { throw IMAPError(kind: .connect, message: "poll failed on \(endpoint.displayName)") }
        }
    }

    // MARK: Errors

    private func closedError() -> IMAPError {
        var message = "FETCH on \(endpoint.displayName): the server closed the connection"
        if let byeLine { message += "; server: \(byeLine)" }
        return lostConnection(IMAPError(kind: .protocolError, message: redacted(message)))
    }

    private func lostConnection(_ error: IMAPError) -> IMAPError {
        lost = true
        return error
    }

    private func curlError(_ code: CURLcode, what: String) -> IMAPError {
        var message = "\(what) on \(endpoint.displayName) as \(endpoint.user) failed: "
        message += String(cString: curl_easy_strerror(code))
        let detail = String(cString: errorBuffer)
        if !detail.isEmpty { message += " (\(detail))" }
        if let reply = headers.serverLines.quoted { message += "; server: \(reply)" }
        return IMAPError(kind: Self.kind(of: code), message: redacted(message), curlCode: Int(code.rawValue))
    }

    /// The same classes as `CurlMailboxSession.makeError`.
    static func kind(of code: CURLcode) -> PollErrorKind {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .connect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            .tls
        case CURLE_LOGIN_DENIED: .auth
        default: .protocolError
        }
    }

    /// Never lets the secret through, whatever libcurl or the server put in the text.
    func redacted(_ text: String) -> String {
        let secret = endpoint.credential.secret
        guard !secret.isEmpty else { return text }
        return text.replacing(secret, with: "<redacted>")
    }

}

@available(*, unavailable)
extension PeekConnection: Sendable {}
