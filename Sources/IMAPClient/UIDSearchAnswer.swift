/// The answer to one bounded search, `UID SEARCH [RETURN (ALL COUNT)] UID a:b ...`, believed only once it is shown
/// complete (INTERFACE.md §12: a cut or partial answer is an error, never a gap in the mailbox's checkpoint).
///
/// Why each check: libcurl 7.88 strips the middle of a server line longer than half its receive buffer and passes on
/// the rest without an error (`* ESEARCH (TAG "A004") UID ALL 2,4,6,8,14822,4824,…,8000 COUNT 4000` was seen: the
/// head and the tail of the line glued together). So:
/// - ESEARCH (RFC 4731 §3.1): COUNT must be there and equal the number of UIDs that ALL lists; Dovecot writes COUNT
///   after ALL, so a cut that loses the tail loses COUNT too.
/// - Both forms: exactly one answer line, every UID inside the range searched, none twice (a glued number falls
///   outside or repeats).
/// - Plain SEARCH (RFC 3501 §7.2.5) carries no count: the session bounds the range so that its longest possible
///   line stays far below the length libcurl cuts (`CurlMailboxSession.searchWidth`).
struct UIDSearchAnswer {
    /// The UIDs found, ascending.
    var uids: [UInt32]

    /// Why an answer cannot be believed.
    struct Incomplete: Error {
        var range: ClosedRange<UInt32>
        var reason: String
    }

    /// Reads the answer to a search over `range`: `extended` when it was `UID SEARCH RETURN (ALL COUNT)`.
    init(_ bytes: [UInt8], range: ClosedRange<UInt32>, extended: Bool) throws(Incomplete) {
        let keyword = extended ? "ESEARCH" : "SEARCH"
        let lines = Self.lines(bytes, keyword: keyword)
        guard lines.count == 1, let line = lines.first else {
            throw Incomplete(range: range, reason: "\(lines.count) \(keyword) responses instead of one")
        }
        var found: [UInt32] = []
        if extended {
            let items = Self.returnData(line)
            guard let countText = items["COUNT"], let count = Self.number(countText) else {
                throw Incomplete(range: range, reason: "ESEARCH without COUNT")
            }
            if let all = items["ALL"] {
                found = try Self.expand(all, within: range)
            }
            guard found.count == Int(count) else {
                throw Incomplete(range: range, reason: "ALL lists \(found.count) UIDs, COUNT says \(count)")
            }
        } else {
            for word in line.split(separator: UInt8(ascii: " ")) {
                guard let uid = Self.number(word), range.contains(uid) else {
                    throw Incomplete(range: range, reason: "SEARCH answered \(String(decoding: word, as: UTF8.self))")
                }
                found.append(uid)
            }
        }
        found.sort()
        for i in found.indices.dropFirst() where found[i] == found[i - 1] {
            throw Incomplete(range: range, reason: "UID \(found[i]) answered twice")
        }
        uids = found
    }

    /// The MIN of `* ESEARCH ... MIN n` (RFC 4731 §3.1), nil when nothing matched; outside `range` is an error.
    static func least(_ bytes: [UInt8], range: ClosedRange<UInt32>) throws(Incomplete) -> UInt32? {
        let lines = lines(bytes, keyword: "ESEARCH")
        guard lines.count == 1, let line = lines.first else {
            throw Incomplete(range: range, reason: "\(lines.count) ESEARCH responses instead of one")
        }
        guard let text = returnData(line)["MIN"] else { return nil }
        guard let min = number(text), range.contains(min) else {
            throw Incomplete(range: range, reason: "MIN \(String(decoding: text, as: UTF8.self)) outside the range")
        }
        return min
    }

    /// What follows the keyword of each untagged `* KEYWORD ...` line.
    private static func lines(_ bytes: [UInt8], keyword: String) -> [ArraySlice<UInt8>] {
        let prefix = Array(keyword.utf8)
        return IMAPResponseParser.untaggedLines(bytes).compactMap { line in
            let word = line.prefix { $0 != UInt8(ascii: " ") }
            guard word.count == prefix.count,
                zip(word, prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            else { return nil }
            return line.dropFirst(word.count)
        }
    }

    /// RFC 4731 `search-return-data` pairs after the optional `(TAG "x")` correlator and `UID` indicator:
    /// upper-cased name → value.
    private static func returnData(_ line: ArraySlice<UInt8>) -> [String: ArraySlice<UInt8>] {
        var words = line.split(separator: UInt8(ascii: " "))[...]
        if let first = words.first, first.first == UInt8(ascii: "(") {
            while let word = words.popFirst(), word.last != UInt8(ascii: ")") {}
        }
        if let first = words.first, String(decoding: first, as: UTF8.self).uppercased() == "UID" {
            words = words.dropFirst()
        }
        var items: [String: ArraySlice<UInt8>] = [:]
        while let name = words.popFirst(), let value = words.popFirst() {
            items[String(decoding: name, as: UTF8.self).uppercased()] = value
        }
        return items
    }

    /// RFC 3501 §9 `sequence-set` without `*`, each number inside `range` before anything is expanded, so an answer
    /// can never make us hold more UIDs than the range has.
    private static func expand(_ set: ArraySlice<UInt8>, within range: ClosedRange<UInt32>) throws(Incomplete)
        -> [UInt32]
    {
        var result: [UInt32] = []
        for part in set.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let bounds = part.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            let numbers = bounds.compactMap(number)
            guard bounds.count <= 2, numbers.count == bounds.count, numbers.allSatisfy(range.contains),
                let low = numbers.min(), let high = numbers.max(),
                result.count + Int(high - low) < range.count
            else {
                throw Incomplete(range: range, reason: "ALL holds \(String(decoding: part, as: UTF8.self))")
            }
            result.append(contentsOf: low...high)
        }
        return result
    }

    private static func number(_ s: ArraySlice<UInt8>) -> UInt32? {
        guard !s.isEmpty, s.count <= 10, s.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return UInt32(String(decoding: s, as: UTF8.self))
    }
}
