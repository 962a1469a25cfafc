/// The server lines libcurl passes to the header callback during one transfer, kept for an error message.
///
/// Only the tagged reply that failed tells why a command failed. libcurl goes on after it: when the failure closes
/// the connection it sends `LOGOUT` inside the same `curl_easy_perform` and reads `A005 OK Logout completed` through
/// the same callback (checked with `curl -v` against Dovecot 2.3 and Cyrus 3.6). Keeping the last line therefore
/// quoted that later `OK` (`UID MOVE 1 "Archive" failed: Quote command returned error; server: A007 OK Completed`);
/// the first tagged `NO`/`BAD` of the transfer is kept instead, and a `* BYE` for a server that hangs up.
final class ServerLines {
    /// The first tagged `NO` or `BAD` reply of the transfer (the command libcurl stopped at), tag included.
    private(set) var failedReply: [UInt8]?
    /// The first untagged `BYE` of the transfer.
    private(set) var bye: [UInt8]?

    /// Bytes kept of one line: enough for any response text worth quoting.
    static let kept = 300

    func reset() {
        failedReply = nil
        bye = nil
    }

    /// One line as libcurl passed it (CRLF included).
    func note(_ line: UnsafeBufferPointer<UInt8>) {
        var bytes = Array(line.prefix(Self.kept))
        while let last = bytes.last, last == 0x0D || last == 0x0A || last == 0x20 { bytes.removeLast() }
        if bytes.starts(with: Array("* ".utf8)) {
            if bye == nil, Self.word(bytes, at: 1) == "BYE" { bye = bytes }
            return
        }
        guard failedReply == nil, !bytes.starts(with: Array("+".utf8)) else { return }
        let status = Self.word(bytes, at: 1)
        if status == "NO" || status == "BAD" { failedReply = bytes }
    }

    /// The reply to quote: the failed tagged reply without its tag (`NO [TRYCREATE] Mailbox doesn't exist`), else the
    /// BYE; nil when the server said neither.
    var quoted: String? {
        if let failedReply, let space = failedReply.firstIndex(of: 0x20) {
            return String(decoding: failedReply[(space + 1)...], as: UTF8.self)
        }
        return bye.map { String(decoding: $0, as: UTF8.self) }
    }

    /// The response code of the failed reply (`TRYCREATE` of `NO [TRYCREATE] ...`, RFC 3501 §7.1), upper-cased.
    var responseCode: String? {
        guard let text = quoted, text.hasPrefix("NO [") || text.hasPrefix("BAD [") else { return nil }
        let inside = text.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" && $0 != " " }
        return inside.isEmpty ? nil : inside.uppercased()
    }

    /// The `index`th space-separated word of `line`, upper-cased.
    private static func word(_ line: [UInt8], at index: Int) -> String {
        let words = line.split(separator: 0x20, maxSplits: index + 1, omittingEmptySubsequences: false)
        guard words.count > index else { return "" }
        return String(decoding: words[index], as: UTF8.self).uppercased()
    }
}
