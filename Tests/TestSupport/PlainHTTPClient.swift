import Foundation
import Glibc

/// A minimal HTTP/1.1 client over a TCP socket, for talking to the admin server in tests (URLSession on Linux hangs on
/// these requests). One request a connection (`Connection: close`); the blocking socket work runs on a thread of its
/// own so that it never holds a thread of Swift's cooperative pool.
public enum PlainHTTPClient {
    public struct Reply: Sendable {
        public var status: Int
        /// Header names in lower case.
        public var headers: [String: String]
        public var body: String
        /// Every `Set-Cookie` header, in order (`headers` keeps only the last of a repeated header).
        public var setCookies: [String] = []

        public func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// The value a `Set-Cookie` of this reply gives cookie `name` (the last one), nil when none does.
        public func cookie(_ name: String) -> String? {
            setCookies.last { $0.hasPrefix(name + "=") }.map {
                String($0.dropFirst(name.count + 1).prefix { $0 != ";" })
            }
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `GET path` from 127.0.0.1:`port`, with basic credentials when `user` is given.
    public static func get(port: Int, path: String, user: String? = nil, password: String = "") async throws -> Reply {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let user { request += "Authorization: Basic \(Data("\(user):\(password)".utf8).base64EncodedString())\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        let raw: [UInt8] = try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try exchange(bytes, port: port) }) }.start()
        }
        return try parse(raw)
    }

    /// Any request: `method path` with extra `headers` (e.g. `Cookie`) and a body (`Content-Length` is added).
    public static func send(port: Int, method: String, path: String, headers: [(String, String)] = [],
                            body: String = "") async throws -> Reply {
        try await send(port: port, method: method, path: path, headers: headers, bytes: Array(body.utf8))
    }

    /// Any request with a body of bytes (a multipart upload).
    public static func send(port: Int, method: String, path: String, headers: [(String, String)] = [],
                            bytes body: [UInt8]) async throws -> Reply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method != "GET" && method != "HEAD" { head += "Content-Length: \(body.count)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        let raw: [UInt8] = try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try exchange(bytes, port: port) }) }.start()
        }
        return try parse(raw)
    }

    private static func exchange(_ request: [UInt8], port: Int) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw Failure(description: "connect to port \(port): errno \(errno)") }
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send: errno \(errno)") }
            sent += n
        }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw Failure(description: "recv: errno \(errno)") }
            reply += buffer[0..<n]
        }
        return reply
    }

    /// Status line, headers, and a body of `Content-Length` bytes (Hummingbird sends it for these responses).
    private static func parse(_ raw: [UInt8]) throws -> Reply {
        let text = String(decoding: raw, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no header end in \(text)") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(head[0])")
        }
        var headers: [String: String] = [:]
        var setCookies: [String] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
            if name == "set-cookie" { setCookies.append(value) }
        }
        return Reply(status: status, headers: headers, body: String(text[split.upperBound...]), setCookies: setCookies)
    }
}
