/// RFC 5322 §3.4 address lists (with groups, comments, obsolete forms), repaired the way mail clients do.
///
/// Group members are returned flattened; a group, a comment or an empty list element alone yields nothing.
/// Names: quoted strings unquoted, encoded words decoded, blanks collapsed; comments are appended in parentheses
/// (`John (my friend)`) or become the name when there is none (`a@b.c (John Doe)`), as mail-parser does.
/// Addresses: comments and blanks around `.`/`@` removed, the obsolete route of `<@route:a@b>` dropped.
enum AddressListParser {
    /// RFC 5322 §3.4:
    ///   address-list = (address *("," address)) / obs-addr-list
    ///   address      = mailbox / group
    ///   mailbox      = name-addr / addr-spec
    ///   name-addr    = [display-name] angle-addr
    ///   group        = display-name ":" [group-list] ";" [CFWS]
    /// Repairs (each records `malformedAddress`): missing `>`, unterminated quotes, `;` used as a list separator
    /// outside a group (Outlook), `Name a@b` without brackets, words after `<a@b>`, a value without `@`.
    static func parse(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                      defects: inout [MIMEDefect]) -> [MailAddress] {
        let mark = defects.count
        defer { DefectList.dedupe(&defects, from: mark) }
        var scanner = AddressScanner(raw: raw, options: options)
        return scanner.run(defects: &defects)
    }
}
