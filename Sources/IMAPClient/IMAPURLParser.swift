/// Parses and builds the `imap[s]://host[:port]/FOLDER` URLs of RFC 5092, as far as `IMAPEndpoint` needs them.
enum IMAPURLParser {
    struct Parsed {
        var scheme: IMAPEndpoint.Scheme
        var host: String
        var port: Int?
        var folder: String
    }

    static func parse(_ url: String) throws(InvalidIMAPURL) -> Parsed {
        func fail(_ reason: String) -> InvalidIMAPURL {
            InvalidIMAPURL(url: url.contains("@") ? "<redacted>" : url, reason: reason)
        }
        let scheme: IMAPEndpoint.Scheme
        let rest: Substring
        if url.lowercased().hasPrefix("imaps://") {
            scheme = .imaps
            rest = url.dropFirst(8)
        } else if url.lowercased().hasPrefix("imap://") {
            scheme = .imap
            rest = url.dropFirst(7)
        } else {
            throw fail("the scheme must be imap:// or imaps://")
        }
        guard let slash = rest.firstIndex(of: "/") else { throw fail("no folder (imaps://host/INBOX)") }
        let authority = rest[..<slash]
        var path = rest[rest.index(after: slash)...]
        if authority.contains("@") { throw fail("credentials do not belong in the URL") }
        var host = Substring(authority)
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("unterminated IPv6 literal") }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw fail("junk after the IPv6 literal") }
                port = try parsePort(after.dropFirst(), fail)
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = try parsePort(authority[authority.index(after: colon)...], fail)
        }
        guard !host.isEmpty else { throw fail("no host") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-._[]:".contains($0) }) else {
            throw fail("bad host name")
        }
        if path.hasSuffix("/") { path = path.dropLast() }
        guard !path.isEmpty else { throw fail("no folder (imaps://host/INBOX)") }
        if path.contains(";") || path.contains("?") || path.contains("#") {
            throw fail("the URL must name a folder only (no ;UID=, query or fragment)")
        }
        guard let folder = percentDecode(path) else { throw fail("bad percent-encoding in the folder") }
        guard !folder.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw fail("control characters in the folder name")
        }
        return Parsed(scheme: scheme, host: String(host), port: port, folder: folder)
    }

    private static func parsePort(_ s: Substring, _ fail: (String) -> InvalidIMAPURL) throws(InvalidIMAPURL) -> Int {
        guard let p = Int(s), (1...65535).contains(p) else { throw fail("bad port") }
        return p
    }

    static func percentDecode(_ s: Substring) -> String? {
        var bytes: [UInt8] = []
        var i = s.utf8.startIndex
        let u = s.utf8
        while i < u.endIndex {
            let b = u[i]
            if b == UInt8(ascii: "%") {
                let h1 = u.index(after: i)
                guard h1 < u.endIndex else { return nil }
                let h2 = u.index(after: h1)
                guard h2 < u.endIndex, let hi = hexValue(u[h1]), let lo = hexValue(u[h2]) else { return nil }
                bytes.append(hi << 4 | lo)
                i = u.index(after: h2)
            } else {
                bytes.append(b)
                i = u.index(after: i)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Everything but RFC 3986 unreserved characters becomes `%XX` (libcurl decodes the mailbox path).
    static func percentEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(b >> 4)])
                out.unicodeScalars.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
