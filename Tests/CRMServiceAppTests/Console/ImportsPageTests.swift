import CRMCore
import CRMServiceApp
import Foundation
import Store
import Testing

/// The imports page over HTTP (§8 Imports, §3), against a live server and a real SQLite database.
@Suite("§8 Imports page") struct ImportsPageTests {
    let world: ConsolePagesWorld
    init() throws {
        world = try ConsolePagesWorld()
        try world.w.load(.accounts, ImportTemplate(.accounts).text)
    }

    static let badContacts = "id,account_id,name,email\nc1,ACME,Ann,ann@acme.example\nc2,NOPE,Ben,ben@acme.example\nc3,ACME,Cy,not-an-address\n"
    static let goodContacts = "id,account_id,name,email\nc1,ACME,Ann,ann@acme.example\nc2,ACME,\"Ben\nSecond line\",ben@acme.example\n"

    @Test("§3 an upload with bad rows shows every rejected row by line and field, and the database is unchanged")
    func anUploadWithBadRowsListsThemAndWritesNothing() async throws {
        let csrf = ConsolePagesWorld.csrf("importer")
        let reply = try await world.withServer { client in
            try await client("importer").postMultipart("/imports/check?csrf=\(csrf)", fields: [("kind", "contacts")],
                                                       file: ("csv", "my contacts.csv", Array(Self.badContacts.utf8)))
        }
        #expect(reply.status == 422)
        #expect(reply.body.contains(#"data-import-line="3" data-import-field="account_id""#))
        #expect(reply.body.contains(#"data-import-line="4" data-import-field="email""#))
        #expect(reply.body.contains("&quot;NOPE&quot; names no account"))
        #expect(!reply.body.contains(#"action="/imports""#), "no confirm form for a file with bad rows")
        #expect(try world.database.exportContacts().isEmpty)
    }

    @Test("§8 a clean upload is checked, then imported from the confirm form; audited with the actor and counts")
    func aCleanUploadImportsAfterConfirmation() async throws {
        let csrf = ConsolePagesWorld.csrf("importer")
        let (check, done) = try await world.withServer { client in
            let check = try await client("importer").postMultipart(
                "/imports/check?csrf=\(csrf)", fields: [("kind", "contacts")],
                file: ("csv", "contacts.csv", Array(Self.goodContacts.utf8)))
            let csv64 = try #require(check.body.firstMatch(of: /name="csv64" value="([^"]*)"/)?.output.1)
            #expect(try world.database.exportContacts().isEmpty, "a check writes nothing")
            let done = try await client("importer").post("/imports", [("csrf", csrf), ("kind", "contacts"),
                                                                      ("csv64", String(csv64))])
            return (check, done)
        }
        #expect(check.status == 200)
        #expect(done.status == 200)
        #expect(done.body.contains("2 inserted, 0 updated, 0 unchanged"))
        let contacts = try world.database.exportContacts()
        #expect(contacts.count == 2)
        #expect(contacts.contains { $0.name == "Ben\nSecond line" }, "a quoted line break survives the confirm form")
        let entry = try #require(try world.database.auditEntries().last)
        #expect(entry.actor == "importer" && entry.action == "import" && entry.target == "import contacts")
        #expect(entry.detail.contains("2 inserted"))
    }

    @Test("§3 pasted text is checked like an upload: every bad row, nothing written")
    func pastedTextIsChecked() async throws {
        let reply = try await world.withServer { client in
            try await client("importer").post("/imports/check", [("csrf", ConsolePagesWorld.csrf("importer")),
                                                                 ("kind", "contacts"), ("text", Self.badContacts)])
        }
        #expect(reply.status == 422)
        #expect(reply.body.contains(#"data-import-line="3""#) && reply.body.contains(#"data-import-line="4""#))
        #expect(try world.database.exportContacts().isEmpty)
    }

    @Test("§8 a user without the right import cannot import: 403 and nothing written")
    func withoutTheRightNothingIsImported() async throws {
        let csrf = ConsolePagesWorld.csrf("reader")
        let csv64 = Data(Self.goodContacts.utf8).base64EncodedString()
        let (post, upload) = try await world.withServer { client in
            (try await client("reader").post("/imports", [("csrf", csrf), ("kind", "contacts"), ("csv64", csv64)]),
             try await client("reader").postMultipart("/imports?csrf=\(csrf)", fields: [("kind", "contacts")],
                                                      file: ("csv", "c.csv", Array(Self.goodContacts.utf8))))
        }
        #expect(post.status == 403 && upload.status == 403)
        #expect(try world.database.exportContacts().isEmpty)
    }

    @Test("§1 the page offers every kind's template, the same text as import template KIND")
    func templatesDownload() async throws {
        let (page, template, missing) = try await world.withServer { client in
            (try await client("reader").get("/imports"), try await client("reader").get("/imports/templates/orders"),
             try await client("reader").get("/imports/templates/calendars"))
        }
        #expect(page.status == 200)
        for kind in ImportKind.allCases { #expect(page.body.contains(#"href="/imports/templates/\#(kind.rawValue)""#)) }
        #expect(page.body.contains(#"enctype="multipart/form-data""#))
        #expect(!page.body.contains("()"), "no empty note for a template that imports alone")
        #expect(template.status == 200 && template.body == ImportTemplate(.orders).text)
        #expect(template.headers["content-disposition"] == #"attachment; filename="orders.csv""#)
        #expect(missing.status == 404)
    }
}
