import Foundation
import TestSupport

/// HTTP/1.1 requests to the console on 127.0.0.1 with a session cookie: GET, urlencoded POST and multipart POST, over
/// TestSupport's `PlainHTTPClient`.
struct ConsoleHTTPClient {
    struct Reply {
        var status: Int
        /// Header names in lower case.
        var headers: [String: String]
        var body: String
    }

    let port: Int
    /// The `crm_session` cookie's token; nil sends no cookie.
    var sessionToken: String?

    func get(_ path: String) async throws -> Reply { try await send("GET", path, contentType: nil, body: []) }

    /// A urlencoded form (`application/x-www-form-urlencoded`).
    func post(_ path: String, _ fields: [(String, String)]) async throws -> Reply {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        return try await send("POST", path, contentType: "application/x-www-form-urlencoded", body: Array(body.utf8))
    }

    /// A `multipart/form-data` upload: text fields and one file field.
    func postMultipart(_ path: String, fields: [(String, String)], file: (name: String, filename: String, bytes: [UInt8]))
        async throws -> Reply {
        let boundary = "----crmtest\(UInt64.random(in: 1...UInt64.max))"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += file.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send("POST", path, contentType: "multipart/form-data; boundary=\(boundary)", body: body)
    }

    private func send(_ method: String, _ path: String, contentType: String?, body: [UInt8]) async throws -> Reply {
        var headers: [(String, String)] = []
        if let sessionToken { headers.append(("Cookie", "crm_session=\(sessionToken)")) }
        if let contentType { headers.append(("Content-Type", contentType)) }
        let reply = try await PlainHTTPClient.send(port: port, method: method, path: path, headers: headers, bytes: body)
        return Reply(status: reply.status, headers: reply.headers, body: reply.body)
    }
}
