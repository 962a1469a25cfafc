extension AddressScanner {
    /// Turns the words, comments and angle address collected since the last delimiter into at most one address.
    mutating func finishEntry(defects: inout [MIMEDefect]) {
        defer {
            words.removeAll(keepingCapacity: true)
            comments.removeAll(keepingCapacity: true)
            angle = nil
            wordsAfterAngle = false
            blankBefore = true
            if repaired { defects.append(.malformedAddress); repaired = false }
        }
        if let angle {
            if wordsAfterAngle { repaired = true }
            guard !angle.isEmpty else { return }  // `<>`: the null sender of RFC 5321, no mailbox
            result.append(MailAddress(name: name(of: words[...], defects: &defects), address: text(angle[...], defects: &defects)))
            return
        }
        guard !words.isEmpty else { return }  // an empty list element or a lone comment (obs-addr-list)

        // Group words into candidate addresses: glued words, and words around `.`/`@` (obs-local-part, obs-domain
        // allow blanks there), form one compound.
        var compounds: [Range<Int>] = []
        for (k, word) in words.enumerated() {
            if let last = compounds.last, word.glued || endsWithDotOrAt(words[k - 1]) || startsWithDotOrAt(word) {
                compounds[compounds.count - 1] = last.lowerBound..<(k + 1)
            } else {
                compounds.append(k..<(k + 1))
            }
        }
        let addressLike = compounds.indices.filter { looksLikeAddress(compounds[$0]) }
        if addressLike.count > 1 {
            appendSeveral(compounds, addresses: addressLike, defects: &defects)
            return
        }
        let addressCompound = compounds.lastIndex { range in
            words[range].contains { !$0.quoted && $0.bytes.contains(ASCII.at) }
        }
        if let index = addressCompound {
            if compounds.count > 1 { repaired = true }
            var nameWords: [Word] = []
            for (c, range) in compounds.enumerated() where c != index { nameWords.append(contentsOf: words[range]) }
            let address = compounds[index].reduce(into: [UInt8]()) { out, k in appendForAddress(words[k], to: &out) }
            result.append(MailAddress(name: name(of: nameWords, defects: &defects), address: text(address[...], defects: &defects)))
        } else if compounds.count == 1 && !words.contains(where: \.quoted) {
            // A lone word: an addr-spec without domain (old local mail: `To: abel, bianchi`), as GMime and MimeKit
            // read it; the caller cannot match it, but it stays visible as an address.
            repaired = true
            let address = words.reduce(into: [UInt8]()) { out, word in out.append(contentsOf: word.bytes) }
            result.append(MailAddress(name: name(of: [], defects: &defects), address: text(address[...], defects: &defects)))
        } else {
            // A display name without any address.
            repaired = true
            if let name = name(of: words[...], defects: &defects) { result.append(MailAddress(name: name, address: "")) }
        }
    }

    /// Several address-looking words in one entry, without brackets or commas between (a separator lost in a broken
    /// encoded word: `a@x.example =?utf-8?q?=2C?= b@y.example`): each is an address, named by the words since the
    /// one before it; the comments go to the last.
    private mutating func appendSeveral(_ compounds: [Range<Int>], addresses: [Int], defects: inout [MIMEDefect]) {
        repaired = true
        var nameWords: [Word] = []
        for (c, range) in compounds.enumerated() {
            guard addresses.contains(c) else { nameWords.append(contentsOf: words[range]); continue }
            let address = range.reduce(into: [UInt8]()) { out, k in appendForAddress(words[k], to: &out) }
            let isLast = c == addresses.last
            if isLast { for later in compounds[(c + 1)...] { nameWords.append(contentsOf: words[later]) } }
            var name = name(of: nameWords, withComments: isLast, defects: &defects)
            if let text = name, !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || ("0"..."9").contains($0) }) {
                name = nil  // what is left of the lost separator (`,`) names nobody
            }
            result.append(MailAddress(name: name, address: text(address[...], defects: &defects)))
            nameWords.removeAll()
            if isLast { break }
        }
    }

    /// `local@domain.tld` with one `@`, unquoted: a word that can only be an address, not part of a name.
    private func looksLikeAddress(_ range: Range<Int>) -> Bool {
        guard range.allSatisfy({ !words[$0].quoted }) else { return false }
        let bytes = range.flatMap { words[$0].bytes }
        guard let at = bytes.firstIndex(of: ASCII.at), bytes.lastIndex(of: ASCII.at) == at, at > 0 else { return false }
        let domain = bytes[(at + 1)...]
        guard let dot = domain.firstIndex(of: ASCII.dot) else { return false }
        return dot > domain.startIndex && dot < domain.endIndex - 1
    }

    private func endsWithDotOrAt(_ word: Word) -> Bool {
        !word.quoted && (word.bytes.last == ASCII.dot || word.bytes.last == ASCII.at)
    }

    private func startsWithDotOrAt(_ word: Word) -> Bool {
        !word.quoted && (word.bytes.first == ASCII.dot || word.bytes.first == ASCII.at)
    }

    /// A quoted local part keeps its quotes in the address (`"john doe"@example.com`).
    private func appendForAddress(_ word: Word, to out: inout [UInt8]) {
        guard word.quoted else { out.append(contentsOf: word.bytes); return }
        out.append(ASCII.quote)
        for b in word.bytes {
            if b == ASCII.quote || b == ASCII.backslash { out.append(ASCII.backslash) }
            out.append(b)
        }
        out.append(ASCII.quote)
    }

    /// The display name from the phrase words and the comments, or nil when both are empty.
    private func name<C: Collection>(of phraseWords: C, withComments: Bool = true, defects: inout [MIMEDefect]) -> String?
    where C.Element == Word {
        var phrase: [UInt8] = []
        for word in phraseWords {
            if !phrase.isEmpty && !word.glued { phrase.append(ASCII.space) }
            phrase.append(contentsOf: word.bytes)
        }
        let decodedPhrase = phrase.isEmpty ? "" : HeaderText.phrase(phrase[...], options: options, defects: &defects)
        var commentText = ""
        for comment in withComments ? comments : [] {
            let decoded = HeaderText.phrase(comment[...], options: options, defects: &defects)
            guard !decoded.isEmpty else { continue }
            if !commentText.isEmpty { commentText += " " }
            commentText += decoded
        }
        switch (decodedPhrase.isEmpty, commentText.isEmpty) {
        case (true, true): return nil
        case (false, true): return decodedPhrase
        case (true, false): return commentText
        case (false, false): return decodedPhrase + " (" + commentText + ")"
        }
    }

    /// Address bytes as text: RFC 6532 UTF-8, else the fallback charset (`nonUTF8Header`).
    private func text(_ bytes: ArraySlice<UInt8>, defects: inout [MIMEDefect]) -> String {
        if ASCII.isAllASCII(bytes) || ASCII.isValidUTF8(bytes) {
            return String(decoding: bytes, as: UTF8.self).trimmingCharactersASCIIWhitespace()
        }
        defects.append(.nonUTF8Header)
        return CharsetDecoder.decodeFallback(bytes, options: options).trimmingCharactersASCIIWhitespace()
    }
}
