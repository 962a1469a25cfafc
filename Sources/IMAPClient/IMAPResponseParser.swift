import CRMCore

/// Reads the untagged responses that libcurl hands to the write callback of a custom request. Works on bytes, line by
/// line; only the few responses the session asks for.
enum IMAPResponseParser {
    /// The untagged lines (`* ...`, CRLF removed) of a response.
    static func untaggedLines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).compactMap { line in
            var l = line
            if l.last == UInt8(ascii: "\r") { l = l.dropLast() }
            guard l.starts(with: Array("* ".utf8)) else { return nil }
            return l.dropFirst(2)
        }
    }

    /// RFC 3501 §7.2.1: `* CAPABILITY atom...` → upper-cased atoms.
    static func capabilities(_ bytes: [UInt8]) -> Set<String> {
        var result = Set<String>()
        for line in untaggedLines(bytes) {
            let words = line.split(separator: UInt8(ascii: " "))
            guard let first = words.first, String(decoding: first, as: UTF8.self).uppercased() == "CAPABILITY" else {
                continue
            }
            for w in words.dropFirst() { result.insert(String(decoding: w, as: UTF8.self).uppercased()) }
        }
        return result
    }

    /// RFC 3501 §7.2.4: `* STATUS mailbox (MESSAGES n UIDNEXT n UIDVALIDITY n)`.
    static func status(_ bytes: [UInt8]) -> MailboxStatus? {
        for line in untaggedLines(bytes) {
            guard line.starts(with: Array("STATUS ".utf8)),
                let open = line.lastIndex(of: UInt8(ascii: "(")),
                let close = line.lastIndex(of: UInt8(ascii: ")")), open < close
            else { continue }
            let items = line[(open + 1)..<close].split(separator: UInt8(ascii: " "))
            var values: [String: UInt32] = [:]
            var i = 0
            while i + 1 < items.count {
                values[String(decoding: items[i], as: UTF8.self).uppercased()] = number(items[i + 1])
                i += 2
            }
            guard let v = values["UIDVALIDITY"], let n = values["UIDNEXT"], let m = values["MESSAGES"] else {
                return nil
            }
            return MailboxStatus(uidValidity: UIDValidity(v), uidNext: MessageUID(n), messages: Int(m))
        }
        return nil
    }

    /// RFC 3501 §7.4.2: `* n FETCH (... FLAGS (\Seen ...) ...)` → the flags, upper-cased; nil without FETCH FLAGS.
    static func flags(_ bytes: [UInt8]) -> Set<String>? {
        for line in untaggedLines(bytes) {
            let text = String(decoding: line, as: UTF8.self)
            guard text.uppercased().contains(" FETCH "), let r = text.uppercased().range(of: "FLAGS (") else {
                continue
            }
            let rest = text.uppercased()[r.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { return nil }
            return Set(rest[..<close].split(separator: " ").map(String.init))
        }
        return nil
    }

    /// The flags per UID of the untagged `* n FETCH (UID u FLAGS (...))` replies (RFC 3501 §7.4.2; the items may come
    /// in any order). Replies without a UID (unsolicited flag updates) are skipped.
    static func flagsByUID(_ bytes: [UInt8]) -> [UInt32: Set<String>] {
        var result: [UInt32: Set<String>] = [:]
        for line in untaggedLines(bytes) {
            let text = String(decoding: line, as: UTF8.self).uppercased()
            guard text.contains(" FETCH "), let f = text.range(of: "FLAGS ("), let u = text.range(of: "UID ") else {
                continue
            }
            let digits = text[u.upperBound...].prefix { $0.isASCII && $0.isNumber }
            guard let uid = UInt32(digits) else { continue }
            let rest = text[f.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { continue }
            result[uid] = Set(rest[..<close].split(separator: " ").map(String.init))
        }
        return result
    }

    static func number(_ s: ArraySlice<UInt8>) -> UInt32? {
        guard !s.isEmpty, s.count <= 10 else { return nil }
        var n: UInt64 = 0
        for b in s {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + UInt64(b - UInt8(ascii: "0"))
        }
        return n <= UInt64(UInt32.max) ? UInt32(n) : nil
    }
}
