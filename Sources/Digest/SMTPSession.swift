import CCurl
import CRMCore
import Logging

/// Sends messages over one libcurl easy handle, kept for the whole run so that libcurl keeps one connection (one
/// greeting, STARTTLS and login) for every message. Blocking and not thread-safe: one session, one thread, off the
/// cooperative pool.
///
/// libcurl 7.88 over SMTP, as used here: `smtp://` with `CURLUSESSL_ALL` runs STARTTLS and fails with
/// `CURLE_USE_SSL_FAILED` when the server does not offer it (never `CURLUSESSL_TRY`); a refused RCPT fails the
/// transfer (`RCPT failed: 550`, CURLE_SEND_ERROR) and libcurl closes that connection, so the next message connects
/// again on the same handle.
public final class SMTPSession {
    public let endpoint: SMTPEndpoint
    private let logger: Logger
    private var handle: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let upload = UploadBuffer()

    public init(endpoint: SMTPEndpoint, logger: Logger = Logger(label: "crmservice.smtp")) {
        _ = smtpCurlGlobalInit
        self.endpoint = endpoint
        self.logger = logger
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        close()
        errorBuffer.deallocate()
    }

    /// Ends the connection (libcurl sends QUIT).
    public func close() {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
    }

    /// Sends `message` from `sender` to `recipient` (the envelope; the message's own headers are not read).
    public func send(_ message: [UInt8], from sender: EmailAddress, to recipient: EmailAddress) throws(SMTPSendError) {
        let h = try connectionHandle()
        upload.load(message)
        errorBuffer[0] = 0
        guard let recipients = curl_slist_append(nil, "<\(recipient.value)>") else {
            throw SMTPSendError(kind: .connection, replyCode: 0, message: "out of memory")
        }
        defer {
            crm_curl_setopt_slist(h, CURLOPT_MAIL_RCPT, nil)
            curl_slist_free_all(recipients)
            upload.load([])
        }
        var ok = crm_curl_setopt_string(h, CURLOPT_MAIL_FROM, "<\(sender.value)>") == CURLE_OK
        ok = ok && crm_curl_setopt_slist(h, CURLOPT_MAIL_RCPT, recipients) == CURLE_OK
        ok = ok && crm_curl_setopt_off_t(h, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count)) == CURLE_OK
        guard ok else { throw SMTPSendError(kind: .connection, replyCode: 0, message: "libcurl refused an option") }
        let code = curl_easy_perform(h)
        guard code != CURLE_OK else { return }
        var reply = 0
        _ = crm_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &reply)
        let text = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(code))
        let setup: Set<UInt32> = [CURLE_LOGIN_DENIED.rawValue, CURLE_USE_SSL_FAILED.rawValue, CURLE_AUTH_ERROR.rawValue]
        let refused = (400...599).contains(reply) && !setup.contains(code.rawValue)
        let error = SMTPSendError(kind: refused ? .refused : .connection, replyCode: reply, message: text)
        logger.debug("smtp transfer failed", metadata: ["smtp.kind": "\(error.kind.rawValue)", "smtp.reply": "\(reply)"])
        if !refused { close() }
        throw error
    }

    private func connectionHandle() throws(SMTPSendError) -> UnsafeMutableRawPointer {
        if let handle { return handle }
        guard let h = curl_easy_init() else {
            throw SMTPSendError(kind: .connection, replyCode: 0, message: "curl_easy_init failed")
        }
        var ok = true
        func set(_ r: CURLcode) { if r != CURLE_OK { ok = false } }
        set(crm_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, errorBuffer))
        set(crm_curl_setopt_string(h, CURLOPT_URL, endpoint.url))
        set(crm_curl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps"))
        set(crm_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1))
        set(crm_curl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1))
        set(crm_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1))
        set(crm_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2))
        if endpoint.needsStartTLS { set(crm_curl_setopt_long(h, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))) }
        if let path = endpoint.caCertificatePath { set(crm_curl_setopt_string(h, CURLOPT_CAINFO, path)) }
        if let user = endpoint.user { set(crm_curl_setopt_string(h, CURLOPT_USERNAME, user)) }
        switch endpoint.credential {
        case .password(let password)?:
            set(crm_curl_setopt_string(h, CURLOPT_PASSWORD, password))
        case .oauth2Bearer(let token)?:
            set(crm_curl_setopt_string(h, CURLOPT_XOAUTH2_BEARER, token))
            set(crm_curl_setopt_string(h, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2"))
        case nil:
            break
        }
        set(crm_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(endpoint.connectTimeout)))
        set(crm_curl_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, 1))
        set(crm_curl_setopt_long(h, CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(endpoint.lowSpeedTimeout) / 1000)))
        set(crm_curl_setopt_long(h, CURLOPT_UPLOAD, 1))
        // CURLOPT_READFUNCTION has the write callback's C signature (buffer, size, nitems, userdata).
        set(crm_curl_setopt_data_callback(h, CURLOPT_READFUNCTION) { buffer, size, count, user in
            guard let buffer, let user else { return 0 }
            let upload = Unmanaged<UploadBuffer>.fromOpaque(user).takeUnretainedValue()
            return buffer.withMemoryRebound(to: UInt8.self, capacity: size * count) {
                upload.read(into: UnsafeMutableBufferPointer(start: $0, count: size * count))
            }
        })
        set(crm_curl_setopt_pointer(h, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()))
        guard ok else {
            curl_easy_cleanup(h)
            throw SMTPSendError(kind: .connection, replyCode: 0, message: "libcurl refused an option")
        }
        handle = h
        return h
    }

    static func milliseconds(_ d: Duration) -> Int {
        let (seconds, attoseconds) = d.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

@available(*, unavailable)
extension SMTPSession: Sendable {}

/// The message being uploaded, read by libcurl's read callback through an unretained pointer; the session owns it.
final class UploadBuffer {
    private var bytes: [UInt8] = []
    private var offset = 0

    func load(_ message: [UInt8]) {
        bytes = message
        offset = 0
    }

    /// Copies the next bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            buffer.baseAddress!.update(from: source.baseAddress! + offset, count: n)
        }
        offset += n
        return n
    }
}

/// curl_global_init once per process (libcurl 7.84+ makes it thread-safe).
private let smtpCurlGlobalInit: Void = {
    _ = curl_global_init(3)
}()
