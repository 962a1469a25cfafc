import CRMCore
import Testing

@testable import IMAPClient

@Suite struct IMAPEndpointTests {
    @Test func parsesSchemeHostPortFolder() throws {
        let e = try IMAPEndpoint(url: "imaps://mail.example.com:993/Archive%2F2025", user: "u", credential: .password("p"))
        #expect(e.scheme == .imaps)
        #expect(e.host == "mail.example.com")
        #expect(e.port == 993)
        #expect(e.folder == "Archive/2025")
        #expect(e.folderURL == "imaps://mail.example.com:993/Archive%2F2025")
        let plain = try IMAPEndpoint(url: "imap://[::1]/My%20Folder/", user: "u", credential: .oauth2Bearer("t"))
        #expect(plain.scheme == .imap && plain.host == "[::1]" && plain.port == nil && plain.folder == "My Folder")
        #expect(plain.folderURL == "imap://[::1]/My%20Folder")
    }

    @Test(arguments: [
        "imaps://host", "imaps://host/", "https://host/INBOX", "imaps://user:pw@host/INBOX", "imaps://host:0/INBOX",
        "imaps://host:99999/INBOX", "imaps://host/INBOX;UID=3", "imaps://host/%ZZ", "imaps:///INBOX",
    ])
    func rejects(url: String) {
        #expect(throws: InvalidIMAPURL.self) {
            try IMAPEndpoint(url: url, user: "u", credential: .password("pw"))
        }
    }

    @Test func invalidURLNeverRepeatsCredentials() {
        #expect {
            try IMAPEndpoint(url: "imaps://user:secret@host/INBOX", user: "u", credential: .password("pw"))
        } throws: { error in
            !"\(error)".contains("secret")
        }
    }

    @Test func credentialDescriptionIsRedacted() {
        #expect(!"\(IMAPEndpoint.Credential.password("hunter2"))".contains("hunter2"))
        #expect(!"\(IMAPEndpoint.Credential.oauth2Bearer("tok"))".contains("tok"))
    }
}

@Suite struct IMAPResponseParserTests {
    @Test func statusAndFlags() {
        let status = IMAPResponseParser.status(Array("* STATUS \"a b\" (MESSAGES 3 UIDNEXT 9 UIDVALIDITY 77)\r\n".utf8))
        #expect(status == MailboxStatus(uidValidity: UIDValidity(77), uidNext: MessageUID(9), messages: 3))
        #expect(IMAPResponseParser.flags(Array("* 2 FETCH (UID 5 FLAGS (\\Seen \\Answered))\r\n".utf8)) == ["\\SEEN", "\\ANSWERED"])
        #expect(IMAPResponseParser.flags(Array("* 2 FETCH (UID 5 FLAGS ())\r\n".utf8)) == [])
    }

    @Test func searchDate() {
        #expect(IMAPSyntax.searchDate("2025-12-01") == "1-Dec-2025")
        #expect(IMAPSyntax.searchDate("2025-13-01") == nil)
        #expect(IMAPSyntax.searchDate("25-12-01") == nil)
    }
}
