import CCurl
import CRMCore
import Foundation

/// HTTP requests to one CalDAV server over one libcurl easy handle, kept across requests so that its connection
/// (and TLS session) is reused (`curl_easy_reset` keeps the connection cache). Blocking and not thread-safe: one
/// connection, one thread; callers run it off the cooperative pool (`BlockingThread`).
public final class HTTPConnection {
    public let endpoint: CalDAVEndpoint
    private var handle: UnsafeMutableRawPointer?
    private let buffer: ResponseBuffer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Requests sent since the connection was made (the sync's "a second sync writes nothing" counts them).
    public private(set) var requestCount = 0
    /// Of those, the ones that change the server (PUT, DELETE).
    public private(set) var writeCount = 0

    /// The most an answer may hold (a multiget of many large events).
    public static let answerLimit = 256 << 20

    public init(endpoint: CalDAVEndpoint, answerLimit: Int = HTTPConnection.answerLimit) {
        _ = curlGlobalInit
        self.endpoint = endpoint
        self.buffer = ResponseBuffer(limit: answerLimit)
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
        errorBuffer.deallocate()
    }

    /// Sends `method` to `url` with `headers` and `body`; returns the answer whatever its status. Throws only when
    /// there is no answer (`CalDAVError.Kind.transport`).
    public func send(_ method: String, _ url: String, headers: [String] = [], body: [UInt8]? = nil) throws(CalDAVError)
        -> HTTPResponse
    {
        let request = "\(method) \(url.dropFirst(endpoint.origin.count))"
        guard let h = handle ?? curl_easy_init() else {
            throw CalDAVError(kind: .transport, request: request, detail: "curl_easy_init failed")
        }
        handle = h
        curl_easy_reset(h)
        buffer.reset()
        errorBuffer[0] = 0
        guard configure(h, method: method, url: url) else {
            throw CalDAVError(kind: .transport, request: request, detail: "libcurl refused an option")
        }
        var list: UnsafeMutablePointer<curl_slist>? = nil
        // No `Expect: 100-continue` round trip before a body; a body is XML unless the caller says otherwise.
        for header in headers + ["Expect:"] { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }
        crm_curl_setopt_slist(h, CURLOPT_HTTPHEADER, list)
        requestCount += 1
        if method == "PUT" || method == "DELETE" { writeCount += 1 }
        let code: CURLcode
        if let body {
            code = body.withUnsafeBytes { bytes in
                crm_curl_setopt_off_t(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
                crm_curl_setopt_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
                return curl_easy_perform(h)
            }
        } else {
            code = curl_easy_perform(h)
        }
        guard code == CURLE_OK else {
            let message = String(cString: errorBuffer)
            curl_easy_cleanup(h)
            handle = nil
            throw CalDAVError(kind: .transport, request: request,
                              detail: message.isEmpty ? String(cString: curl_easy_strerror(code)) : message)
        }
        var status = 0
        crm_curl_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: buffer.headers, body: buffer.body)
    }

    private func configure(_ h: UnsafeMutableRawPointer, method: String, url: String) -> Bool {
        var ok = true
        func set(_ r: CURLcode) { if r != CURLE_OK { ok = false } }
        set(crm_curl_setopt_string(h, CURLOPT_URL, url))
        if method != "GET" { set(crm_curl_setopt_string(h, CURLOPT_CUSTOMREQUEST, method)) }
        set(crm_curl_setopt_pointer(h, CURLOPT_ERRORBUFFER, errorBuffer))
        set(crm_curl_setopt_long(h, CURLOPT_NOSIGNAL, 1))
        set(crm_curl_setopt_long(h, CURLOPT_TCP_KEEPALIVE, 1))
        set(crm_curl_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1))
        set(crm_curl_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2))
        set(crm_curl_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(crm_curl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 0))
        if let ca = endpoint.caCertificatePath { set(crm_curl_setopt_string(h, CURLOPT_CAINFO, ca)) }
        switch endpoint.credential {
        case .none:
            break
        case .password(let user, let password):
            set(crm_curl_setopt_long(h, CURLOPT_HTTPAUTH, Self.authBasic))
            set(crm_curl_setopt_string(h, CURLOPT_USERNAME, user))
            set(crm_curl_setopt_string(h, CURLOPT_PASSWORD, password))
        case .bearer(let token):
            set(crm_curl_setopt_long(h, CURLOPT_HTTPAUTH, Self.authBearer))
            set(crm_curl_setopt_string(h, CURLOPT_XOAUTH2_BEARER, token))
        }
        set(crm_curl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(endpoint.connectTimeout)))
        set(crm_curl_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, 1))
        set(crm_curl_setopt_long(h, CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(endpoint.lowSpeedTimeout) / 1000)))
        let opaque = Unmanaged.passUnretained(buffer).toOpaque()
        set(crm_curl_setopt_data_callback(h, CURLOPT_WRITEFUNCTION) { ptr, size, count, user in
            let n = size * count
            guard let user, n > 0, let ptr else { return n }
            let buffer = Unmanaged<ResponseBuffer>.fromOpaque(user).takeUnretainedValue()
            let accepted = ptr.withMemoryRebound(to: UInt8.self, capacity: n) {
                buffer.append(UnsafeBufferPointer(start: $0, count: n))
            }
            return accepted ? n : 0
        })
        set(crm_curl_setopt_pointer(h, CURLOPT_WRITEDATA, opaque))
        set(crm_curl_setopt_data_callback(h, CURLOPT_HEADERFUNCTION) { ptr, size, count, user in
            let n = size * count
            guard let user, n > 0, let ptr else { return n }
            let buffer = Unmanaged<ResponseBuffer>.fromOpaque(user).takeUnretainedValue()
            ptr.withMemoryRebound(to: UInt8.self, capacity: n) { buffer.header(UnsafeBufferPointer(start: $0, count: n)) }
            return n
        })
        set(crm_curl_setopt_pointer(h, CURLOPT_HEADERDATA, opaque))
        return ok
    }

    /// CURLAUTH_BASIC and CURLAUTH_BEARER (macros with casts, which Swift does not import).
    static let authBasic = 1
    static let authBearer = 1 << 6

    static func milliseconds(_ d: Duration) -> Int {
        let (seconds, attoseconds) = d.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}

@available(*, unavailable)
extension HTTPConnection: Sendable {}

/// curl_global_init, once per process.
private let curlGlobalInit: Void = {
    _ = curl_global_init(3)
}()
