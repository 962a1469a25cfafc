import CRMServiceApp
import Testing

/// `crmservice poll` options (§1): what is refused with exit 2 and the default mailbox name.
@Suite struct PollRequestTests {
    let db: PollDatabase
    let secret: String

    init() throws {
        db = try PollDatabase()
        secret = try db.file("password", "hunter2-secret\n")
    }

    func request(url: String = "imaps://Mail.Example.com:993/INBOX", password: String? = nil, token: String? = nil,
                 name: String? = nil, after: String? = nil, since: String? = nil) throws(PollInputError) -> PollRequest {
        try PollRequest(url: url, user: "crm", passwordFile: password ?? (token == nil ? secret : nil),
                        oauth2TokenFile: token, mailboxName: name, cacert: nil, after: after, since: since)
    }

    @Test func theDefaultMailboxNameIsUserAtHostSlashFolder() throws {
        #expect(try request().settings.name == "crm@mail.example.com/INBOX")
        #expect(try request(url: "imap://localhost:1143/Sales/Leads").settings.name == "crm@localhost/Sales/Leads")
        #expect(try request(name: "corporate").settings.name == "corporate")
    }

    @Test(arguments: ["http://host/INBOX", "imaps://host", "imaps://host/", "imaps:///INBOX", "INBOX",
                      "imaps://crm:hunter2@host/INBOX", "imaps://crm:hunter2@host"])
    func aBadURLIsRefusedNamingTheOption(url: String) {
        #expect { try request(url: url) } throws: {
            ($0 as! PollInputError).option == "--url" && !"\($0)".contains("hunter2")
        }
    }

    @Test func aSecretFileOthersCanReadIsRefusedWithoutShowingIt() throws {
        let open = try db.file("open-password", "hunter2-secret\n", mode: 0o644)
        #expect {
            try request(password: open)
        } throws: { error in
            let text = "\(error)"
            return text.contains("--password-file") && text.contains(open) && text.contains("chmod 600")
                && !text.contains("hunter2")
        }
        #expect { try request(token: db.directory.path + "/missing") } throws: {
            "\($0)".contains("--oauth2-token-file")
        }
    }

    @Test func afterAndSinceAreChecked() throws {
        #expect(try request(after: "move:Archive/CRM").settings.after == .move(folder: "Archive/CRM"))
        #expect(try request(after: "none").settings.after == MailboxSettings.AfterCapture.none)
        #expect { try request(after: "delete") } throws: { ($0 as! PollInputError).option == "--after" }
        #expect { try request(since: "2026-02-30") } throws: { ($0 as! PollInputError).option == "--since" }
        #expect(try request(since: "2026-02-28").settings.since == "2026-02-28")
    }
}
