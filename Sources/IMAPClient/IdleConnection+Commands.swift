import CRMCore

/// The commands of `IdleConnection` (RFC 3501, RFC 2177). What Dovecot 2.3 answers here: `+ idling` to IDLE, then
/// `* N EXISTS` (and `* N RECENT`) when mail arrives, `* N EXPUNGE`, `* N FETCH (FLAGS …)` for others' changes, and
/// `* OK Still here` every two minutes; `I5 OK Idle completed` to DONE.
extension IdleConnection {
    /// The capabilities after login (libcurl logged in; the greeting's list may differ from this one).
    public func capabilities() throws -> Set<String> {
        var caps: Set<String> = []
        try command("CAPABILITY") { line in
            let words = line.text.split(separator: " ")
            if words.count > 1, words[0] == "*", words[1].uppercased() == "CAPABILITY" {
                caps.formUnion(words.dropFirst(2).map { $0.uppercased() })
            }
        }
        return caps
    }

    /// `EXAMINE "folder"`: read-only, so this connection never changes a flag; the selected folder is what IDLE reports
    /// on. Its `* N EXISTS` is the state at selection, not a change.
    public func examine() throws {
        guard !endpoint.folder.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw IMAPError(kind: .protocolError, message: "bad folder name for EXAMINE on \(endpoint.displayName)")
        }
        try command("EXAMINE \(IMAPSyntax.quoted(endpoint.folder))") { _ in }
    }

    /// `STATUS "folder" (UIDNEXT)`: the UID the next message will get. An untagged change on the way calls `onChange`.
    public func uidNext(onChange: () -> Void) throws -> UInt32 {
        var next: UInt32?
        try command("STATUS \(IMAPSyntax.quoted(endpoint.folder)) (UIDNEXT)") { line in
            if Self.isChange(line) { onChange() }
            let text = line.text.uppercased()
            guard text.hasPrefix("* STATUS "), let range = text.range(of: "UIDNEXT ") else { return }
            next = UInt32(text[range.upperBound...].prefix { $0.isNumber })
        }
        guard let next else {
            throw IMAPError(kind: .protocolError, message: "STATUS on \(endpoint.displayName): no UIDNEXT in the answer")
        }
        return next
    }

    /// `NOOP`: proves the connection alive (an answer within `answerTimeout`) and reports what changed meanwhile.
    public func noop(onChange: () -> Void) throws {
        try command("NOOP") { if Self.isChange($0) { onChange() } }
    }

    /// `IDLE` until `deadline` (or a stop), calling `onChange` at each untagged change as it arrives, then `DONE` and
    /// its tagged answer within `answerTimeout`. Every `checkEvery` it asks `shouldEnd` (standby) and, if so, ends
    /// early: true then. Throws `IdleInterrupted` on a stop, without sending DONE, and `IdleRefused` when the server
    /// answers IDLE with a tagged reply instead of a continuation.
    @discardableResult
    public func idle(until deadline: ContinuousClock.Instant, checkEvery: Duration = .seconds(60),
                     shouldEnd: () -> Bool = { false }, onChange: () -> Void) throws -> Bool {
        let tag = nextTag()
        try send("\(tag) IDLE\r\n")
        while true {
            guard let line = try readLine(until: ContinuousClock.now + answerTimeout) else { throw noAnswer("IDLE") }
            if let status = PeekConnection.status(of: line, tag: tag) {
                // A server may refuse IDLE after all (e.g. a proxy): the watcher falls back to interval polling.
                throw IdleRefused(reply: redacted("\(status) \(line.text.prefix(200))"))
            }
            noteBye(line)
            if line.text.hasPrefix("+") { break }
            if Self.isChange(line) { onChange() }
        }
        var ended = false
        var nextCheck = ContinuousClock.now + checkEvery
        while true {
            if let line = try readLine(until: min(deadline, nextCheck)) {
                noteBye(line)
                if Self.isChange(line) { onChange() }
                continue
            }
            if ContinuousClock.now >= deadline { break }
            if shouldEnd() {
                ended = true
                break
            }
            nextCheck = ContinuousClock.now + checkEvery
        }
        try send("DONE\r\n")
        while true {
            guard let line = try readLine(until: ContinuousClock.now + answerTimeout) else { throw noAnswer("DONE") }
            if let status = PeekConnection.status(of: line, tag: tag) {
                guard status == "OK" else { throw refused(line, what: "IDLE") }
                return ended
            }
            noteBye(line)
            if Self.isChange(line) { onChange() }
        }
    }

    /// Sends `tag text` and reads to its tagged answer; each line must come within `answerTimeout`.
    func command(_ text: String, untagged: (IMAPLiteralReader.Line) -> Void) throws {
        let tag = nextTag()
        let what = String(text.prefix { $0 != " " })
        try send("\(tag) \(text)\r\n")
        while true {
            guard let line = try readLine(until: ContinuousClock.now + answerTimeout) else { throw noAnswer(what) }
            if let status = PeekConnection.status(of: line, tag: tag) {
                guard status == "OK" else { throw refused(line, what: what) }
                return
            }
            noteBye(line)
            untagged(line)
        }
    }

    /// `* N EXISTS`, `* N RECENT`, `* N EXPUNGE` or `* N FETCH …`: the folder changed.
    static func isChange(_ line: IMAPLiteralReader.Line) -> Bool {
        let words = line.texts[0].split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: true)
        guard words.count >= 3, words[0].elementsEqual("*".utf8), words[1].allSatisfy({ (0x30...0x39).contains($0) })
        else { return false }
        let kind = String(decoding: words[2], as: UTF8.self).uppercased()
        return ["EXISTS", "RECENT", "EXPUNGE", "FETCH"].contains(kind)
    }

    private func noteBye(_ line: IMAPLiteralReader.Line) {
        if line.text.uppercased().hasPrefix("* BYE") { byeLine = redacted(String(line.text.prefix(300))) }
    }

    private func noAnswer(_ what: String) -> IMAPError {
        IMAPError(kind: .timeout, message: "\(what) on \(endpoint.displayName): no answer within \(answerTimeout); "
                  + "the connection counts as dead")
    }

    private func refused(_ line: IMAPLiteralReader.Line, what: String) -> IMAPError {
        let text = redacted(String(line.text.prefix(300)))
        let reply = text.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? text
        return IMAPError(kind: .protocolError, message: "\(what) on \(endpoint.displayName) failed: \(reply)",
                         serverReply: reply)
    }
}
