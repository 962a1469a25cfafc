import CRMCore

/// The commands of `PeekConnection`: EXAMINE, then `UID FETCH n BODY.PEEK[...]` (RFC 3501 §6.3.2, §6.4.5).
///
/// What Dovecot 2.3 answers here: `* OK [UIDVALIDITY v] UIDs valid` among EXAMINE's untagged replies;
/// `* 3 FETCH (UID 7 BODY[] {N}` CRLF, N bytes, `)` CRLF, then the tagged OK; for a UID that does not exist only the
/// tagged OK; `* BYE` and a closed connection for a message file it cannot read.
extension PeekConnection {
    /// What of a message a fetch returns.
    public enum Section: Sendable {
        /// `BODY.PEEK[]`: the whole message.
        case whole
        /// `BODY.PEEK[HEADER]`: the header section, up to and including its empty line.
        case header

        var fetchItem: String {
            switch self {
            case .whole: "BODY.PEEK[]"
            case .header: "BODY.PEEK[HEADER]"
            }
        }

        /// How the server names the item in its answer (without `.PEEK`).
        var answerItem: [UInt8] {
            switch self {
            case .whole: Array("BODY[]".utf8)
            case .header: Array("BODY[HEADER]".utf8)
            }
        }
    }

    /// The message's `section`, never setting `\Seen`. A literal over `maxBytes` fails before it is read: with
    /// `MessageOverLimit` for the whole message, a protocol error for its header. Past `kept` bytes the rest is read
    /// and dropped. Any failure closes the connection.
    func fetch(_ uid: MessageUID, uidValidity: UIDValidity, section: Section, maxBytes: Int = defaultMaxBytes,
               kept: Int = .max) throws -> [UInt8] {
        let reused = isOpen
        do {
            return try fetchOnce(uid, uidValidity: uidValidity, section: section, maxBytes: maxBytes, kept: kept)
        } catch let error as IMAPError where reused && lost {
            // A kept connection the server dropped while we did other things (an idle timeout): once more on a new
            // one. Harmless: the fetch is read-only.
            logger.debug("peek connection lost; fetching again on a new one",
                         metadata: ["imap.kind": "\(error.kind.rawValue)"])
            return try fetchOnce(uid, uidValidity: uidValidity, section: section, maxBytes: maxBytes, kept: kept)
        }
    }

    private func fetchOnce(_ uid: MessageUID, uidValidity: UIDValidity, section: Section, maxBytes: Int,
                           kept: Int) throws -> [UInt8] {
        lost = false
        let what = "FETCH UID \(uid)\(section == .header ? " HEADER" : "")"
        do {
            try connect()
            if examinedValidity != uidValidity { try examine() }
            if let examinedValidity, examinedValidity != uidValidity {
                throw IMAPError(kind: .protocolError, message: "\(what) on \(endpoint.displayName): UIDVALIDITY is "
                                + "\(examinedValidity), not \(uidValidity)")
            }
            reader.maxLiteral = maxBytes
            reader.literalKept = kept
            defer {
                reader.maxLiteral = Self.defaultMaxBytes
                reader.literalKept = .max
            }
            let tag = nextTag()
            try send("\(tag) UID FETCH \(uid) \(section.fetchItem)\r\n")
            var body: [UInt8]?
            while true {
                let line = try readLine()
                if let status = Self.status(of: line, tag: tag) {
                    guard status == "OK" else { throw refused(line, what: what) }
                    guard let body else {
                        throw IMAPError(kind: .protocolError,
                                        message: "\(what) on \(endpoint.displayName): no message with UID \(uid)")
                    }
                    return body
                }
                noteBye(line)
                if body == nil { body = Self.item(section.answerItem, of: uid, in: line) }
            }
        } catch let tooLarge as IMAPResponseTooLarge {
            close()
            // A header section too large is the message's fault, not a size the poller handles (`too_large`).
            if tooLarge.part == .literal, section == .whole {
                throw MessageOverLimit(uid: uid, limit: tooLarge.limit, received: tooLarge.announced ?? tooLarge.limit)
            }
            throw IMAPError(kind: .protocolError, message: "\(what) on \(endpoint.displayName): \(tooLarge)")
        } catch {
            close()
            throw error
        }
    }

    /// `EXAMINE "folder"`: read-only, so that not even a `BODY[]` could set `\Seen`; notes its UIDVALIDITY.
    func examine() throws {
        examinedValidity = nil
        guard !endpoint.folder.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw IMAPError(kind: .protocolError, message: "bad folder name for EXAMINE on \(endpoint.displayName)")
        }
        let tag = nextTag()
        try send("\(tag) EXAMINE \(IMAPSyntax.quoted(endpoint.folder))\r\n")
        var validity: UIDValidity?
        while true {
            let line = try readLine()
            if let status = Self.status(of: line, tag: tag) {
                guard status == "OK" else { throw refused(line, what: "EXAMINE") }
                guard let validity else {
                    throw IMAPError(kind: .protocolError,
                                    message: "EXAMINE on \(endpoint.displayName): no UIDVALIDITY in the answer")
                }
                examinedValidity = validity
                return
            }
            noteBye(line)
            if let v = Self.uidValidity(in: line) { validity = v }
        }
    }

    /// A tagged `NO` or `BAD` to `what`: the error quotes that reply (without its tag) and keeps its response code.
    func refused(_ line: IMAPLiteralReader.Line, what: String) -> IMAPError {
        let text = redacted(String(line.text.prefix(300)))
        let reply = text.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? text
        var code: String?
        if let open = reply.firstIndex(of: "["), reply[..<open].allSatisfy({ $0.isLetter || $0 == " " }) {
            let inside = reply[reply.index(after: open)...].prefix { $0 != "]" && $0 != " " }
            if !inside.isEmpty { code = inside.uppercased() }
        }
        return IMAPError(kind: .protocolError, message: "\(what) on \(endpoint.displayName) failed: \(reply)",
                         serverReply: reply, responseCode: code)
    }

    func noteBye(_ line: IMAPLiteralReader.Line) {
        if Self.hasPrefix(line.texts[0], "* BYE") { byeLine = String(line.text.prefix(300)) }
    }

    // MARK: Reading answers

    /// `OK`, `NO` or `BAD` (upper-cased) when `line` is the tagged reply of `tag`; nil for any other line.
    static func status(of line: IMAPLiteralReader.Line, tag: String) -> String? {
        let first = line.texts[0]
        guard hasPrefix(first, tag + " ") else { return nil }
        let rest = first.dropFirst(tag.utf8.count + 1).prefix { $0 != 0x20 }
        return String(decoding: rest, as: UTF8.self).uppercased()
    }

    /// `v` of `* OK [UIDVALIDITY v]`.
    static func uidValidity(in line: IMAPLiteralReader.Line) -> UIDValidity? {
        let first = line.texts[0]
        guard hasPrefix(first, "* OK [UIDVALIDITY ") else { return nil }
        let digits = first.dropFirst(18).prefix { (0x30...0x39).contains($0) }
        guard !digits.isEmpty, digits.count <= 10, let v = UInt32(String(decoding: digits, as: UTF8.self)) else {
            return nil
        }
        return UIDValidity(rawValue: v)
    }

    /// The literal of `item` (`BODY[]`) in an untagged FETCH of `uid`; nil for any other line. A body sent as `NIL`
    /// or `""` is empty.
    static func item(_ item: [UInt8], of uid: MessageUID, in line: IMAPLiteralReader.Line) -> [UInt8]? {
        guard hasPrefix(line.texts[0], "* "), contains(line.texts[0], " FETCH ("),
              line.texts.contains(where: { uidValue(in: $0) == uid.rawValue }) else { return nil }
        for (index, literal) in line.literals.enumerated() {
            // texts[index] ends with `ITEM {N}`.
            var text = line.texts[index][...]
            while let last = text.last, last != UInt8(ascii: "{") { text = text.dropLast() }
            text = text.dropLast()
            while text.last == 0x20 { text = text.dropLast() }
            if hasSuffix(text, item) { return literal }
        }
        let empty = [item + Array(" NIL".utf8), item + Array(" \"\"".utf8)]
        return line.texts.contains { text in empty.contains { contains(text, $0) } } ? [] : nil
    }

    /// The number after `UID ` in a FETCH's text, if any.
    static func uidValue(in text: [UInt8]) -> UInt32? {
        let upper = text.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }
        for opening in [Array("(UID ".utf8), Array(" UID ".utf8)] {
            guard let range = firstRange(of: opening, in: upper) else { continue }
            let digits = upper[range.upperBound...].prefix { (0x30...0x39).contains($0) }
            if !digits.isEmpty, digits.count <= 10 { return UInt32(String(decoding: digits, as: UTF8.self)) }
        }
        return nil
    }

    static func hasPrefix(_ bytes: [UInt8], _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        guard bytes.count >= p.count else { return false }
        return zip(bytes, p).allSatisfy { upper($0) == upper($1) }
    }

    private static func hasSuffix(_ bytes: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        return zip(bytes.suffix(suffix.count), suffix).allSatisfy { upper($0) == upper($1) }
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        contains(bytes, Array(needle.utf8))
    }

    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        firstRange(of: needle.map(upper), in: bytes.map(upper)) != nil
    }

    private static func firstRange(of needle: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        for start in 0...(bytes.count - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            return start..<(start + needle.count)
        }
        return nil
    }

    static func upper(_ b: UInt8) -> UInt8 { (0x61...0x7A).contains(b) ? b - 0x20 : b }
}
