import Testing

@testable import IMAPClient

/// The rule that turns a configured folder into its name on the wire (`FolderHierarchy.wireName(for:)`, issue #15).
@Suite struct FolderHierarchyTests {
    static let dovecot = FolderHierarchy(prefix: "", separator: "/")
    static let courier = FolderHierarchy(prefix: "INBOX.", separator: ".")

    @Test("On a server whose namespace is INBOX. with '.', Archive is INBOX.Archive and / is the separator",
          arguments: [
              ("Archive", "INBOX.Archive"),
              ("Archive/2026", "INBOX.Archive.2026"),
              ("INBOX.Archive", "INBOX.Archive"),  // already prefixed: as is
              ("inbox.Archive", "inbox.Archive"),  // INBOX is case-insensitive
              ("INBOX/Archive", "INBOX.Archive"),
              ("INBOX", "INBOX"),
              ("Inbox", "INBOX"),
              ("Erledigt/Kunden-Ä", "INBOX.Erledigt.Kunden-&AMQ-"),
          ])
    func prefixed(configured: String, wire: String) {
        #expect(Self.courier.wireName(for: configured) == wire)
    }

    @Test("On a stock Dovecot (\"\" with '/') names go as written, in modified UTF-7",
          arguments: [("Archive", "Archive"), ("Archive/2026", "Archive/2026"), ("INBOX", "INBOX"),
                      ("Erledigt/Kunden-Ä", "Erledigt/Kunden-&AMQ-")])
    func plain(configured: String, wire: String) {
        #expect(Self.dovecot.wireName(for: configured) == wire)
    }

    @Test("A server without hierarchy (separator NIL) gets / as written")
    func flat() {
        #expect(FolderHierarchy(prefix: "", separator: nil).wireName(for: "a/b") == "a/b")
    }
}
