/// Folder commands over the raw connection, where a tagged reply is read as the answer to our own command (its
/// `NO [...]` quoted exactly) and names sent as literals are read by count: NAMESPACE (RFC 2342), LIST and CREATE
/// (RFC 3501 §6.3.8, §6.3.3).
///
/// What the servers answer: Dovecot 2.3 `* NAMESPACE (("" "/")) NIL NIL` by default; Cyrus 3.6
/// `* NAMESPACE (("INBOX." ".")) (("user." ".")) (("" "."))`; `* LIST (\HasNoChildren) "." INBOX.Archive`, nothing
/// for a name that does not exist.
extension PeekConnection {
    /// The untagged lines of `command` (tag added). A tagged NO or BAD throws, quoting it; the connection stays.
    func run(_ command: String, what: String) throws -> [IMAPLiteralReader.Line] {
        do {
            try connect()
            let tag = nextTag()
            try send("\(tag) \(command)\r\n")
            var lines: [IMAPLiteralReader.Line] = []
            while true {
                let line = try readLine()
                if let status = Self.status(of: line, tag: tag) {
                    guard status == "OK" else { throw refused(line, what: what) }
                    return lines
                }
                noteBye(line)
                if lines.count < 10_000 { lines.append(line) }
            }
        } catch let error as IMAPError where error.serverReply != nil && !lost {
            throw error
        } catch {
            close()
            throw error
        }
    }

    /// The first personal namespace of `NAMESPACE`; nil when the server has none (`NIL`).
    func personalNamespace() throws -> FolderHierarchy? {
        for line in try run("NAMESPACE", what: "NAMESPACE") {
            let tokens = IMAPTokens(line)
            guard tokens.atom(at: 1) == "NAMESPACE" else { continue }
            // `( ( prefix SP delimiter ...) ...)` or NIL
            guard tokens.items.count > 5, tokens.items[2] == .open, tokens.items[3] == .open,
                  case .string(let prefix) = tokens.items[4] else { return nil }
            return FolderHierarchy(prefix: prefix, separator: tokens.items[5].delimiter)
        }
        throw IMAPError(kind: .protocolError, message: "NAMESPACE on \(endpoint.displayName): no NAMESPACE answer")
    }

    /// The folders LIST returns for `pattern` (a wire name; `%` and `*` would be wildcards): name, upper-cased
    /// attributes and separator.
    func list(_ pattern: String) throws -> [ListedFolder] {
        try run("LIST \"\" \(IMAPSyntax.quoted(pattern))", what: "LIST \(IMAPSyntax.quoted(pattern))").compactMap { line in
            let tokens = IMAPTokens(line)
            guard tokens.atom(at: 1) == "LIST", let close = tokens.items.firstIndex(of: .close),
                  tokens.items.count > close + 2 else { return nil }
            let attributes = tokens.items[3..<close].compactMap { item -> String? in
                if case .atom(let a) = item { return a.uppercased() }
                return nil
            }
            let name: String
            switch tokens.items[close + 2] {
            case .string(let s), .atom(let s): name = s
            default: return nil
            }
            return ListedFolder(name: name, attributes: Set(attributes), separator: tokens.items[close + 1].delimiter)
        }
    }

    /// `CREATE name`.
    func create(_ name: String) throws {
        _ = try run("CREATE \(IMAPSyntax.quoted(name))", what: "CREATE \(IMAPSyntax.quoted(name))")
    }
}

/// One answer of LIST.
struct ListedFolder: Equatable {
    var name: String
    var attributes: Set<String>
    var separator: Character?

    /// Whether messages can be put in it (RFC 3501 §7.2.2 `\Noselect`; RFC 5258 `\NonExistent`).
    var isSelectable: Bool { attributes.isDisjoint(with: ["\\NOSELECT", "\\NONEXISTENT"]) }
}
