/// The server's personal namespace (RFC 2342): the prefix its folders carry and its hierarchy separator. Dovecot's
/// default is `""` with `/`; Cyrus, Courier and many hosted servers use `INBOX.` with `.`.
///
/// How a configured folder becomes a name on the wire (`wireName(for:)`), the rule the documentation states:
/// 1. `INBOX` (any case) stays `INBOX`.
/// 2. `/` is the configuration's hierarchy separator: it becomes the server's (`Archive/2026` → `Archive.2026`). A
///    server without hierarchy (separator NIL) gets the name as written.
/// 3. A name that already starts with the prefix (`INBOX.Archive`, or `INBOX/Archive` once `/` became `.`) is left as
///    is; any other gets the prefix in front (`Archive` → `INBOX.Archive`).
/// 4. The result is put in modified UTF-7 (RFC 3501 §5.1.3); the prefix is used as the server sent it.
public struct FolderHierarchy: Sendable, Equatable {
    /// The personal namespace's prefix as the server sent it (already on the wire), e.g. `INBOX.`; empty for none.
    public var prefix: String
    /// The hierarchy separator, nil when the server has none.
    public var separator: Character?

    public init(prefix: String, separator: Character?) {
        self.prefix = prefix
        self.separator = separator
    }

    /// What a server that says nothing (no NAMESPACE, no answer to LIST) is taken to have.
    public static let plain = FolderHierarchy(prefix: "", separator: "/")

    /// The name of the configured folder `configured` on this server (the rule above).
    public func wireName(for configured: String) -> String {
        if configured.uppercased() == "INBOX" { return "INBOX" }
        var name = configured
        if let separator, separator != "/" {
            name = String(name.map { $0 == "/" ? separator : $0 })
        }
        let encoded = ModifiedUTF7.encode(name)
        guard !prefix.isEmpty, !startsWithPrefix(encoded) else { return encoded }
        return prefix + encoded
    }

    /// Case-insensitive on INBOX (RFC 3501 §5.1: `INBOX` is case-insensitive), exact on the rest.
    private func startsWithPrefix(_ name: String) -> Bool {
        if name.hasPrefix(prefix) { return true }
        guard prefix.uppercased().hasPrefix("INBOX"), name.count >= prefix.count else { return false }
        let head = name.prefix(prefix.count)
        return head.prefix(5).uppercased() == "INBOX" && head.dropFirst(5) == prefix.dropFirst(5)
    }
}
