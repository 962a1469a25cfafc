import CRMCore
import Foundation
import Testing
import TestSupport
@testable import AdminHTTP

/// The review queue's pages over plain HTTP, a real admin server and a real database file (§8).
@Suite("§8 review queue pages")
struct ReviewPagesTests {
    static func mail(_ id: String, from: String, subject: String, headers: [String] = [], body: String = "Hello.")
        -> String {
        (["Message-ID: <\(id)>", "Date: 12 Oct 2026 09:00:00 +0000", "From: \(from)", "To: alice@example.com",
          "Subject: \(subject)"] + headers + ["", body, ""]).joined(separator: "\r\n")
    }

    @Test("§8 a subject and a body holding <script> are shown as text, escaped; an HTML body as its text")
    func escaped() async throws {
        let w = try ReviewConsoleWorld()
        try w.capture([
            Self.mail("s@x", from: "Mallory <m@evil.example>", subject: "<script>alert(1)</script>",
                      body: "Hi <script>alert(2)</script> there"),
            Self.mail("h@x", from: "h@evil.example", subject: "html",
                      headers: ["MIME-Version: 1.0", "Content-Type: text/html"], body: "<p>Dear <b>Bob</b></p>"),
        ])
        let open = try w.open()
        try await w.serve { client in
            let list = try await client.get("/review")
            #expect(list.status == 200)
            #expect(list.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!list.body.contains("<script>alert"))
            #expect(list.body.contains("data-unmatched-id=\"\(open["s@x"]!)\""))
            #expect(list.body.contains("name=\"ids\" value=\"\(open["s@x"]!)\""))
            let entry = try await client.get("/review/\(open["s@x"]!)")
            #expect(entry.status == 200)
            #expect(entry.body.contains("Hi &lt;script&gt;alert(2)&lt;/script&gt; there"))
            #expect(!entry.body.contains("<script>alert"))
            let html = try await client.get("/review/\(open["h@x"]!)")
            #expect(html.body.contains("Dear Bob"))
            #expect(!html.body.contains("<b>Bob"))
            #expect(try await client.get("/review/999999").status == 404)
        }
    }

    @Test("§8 an attachment named ../../x.html downloads as an attachment with a safe name, never as a page")
    func attachment() async throws {
        let w = try ReviewConsoleWorld()
        let body = ["--b", "Content-Type: text/plain", "", "see attached",
                    "--b", "Content-Type: text/html", "Content-Disposition: attachment; filename=\"../../x.html\"", "",
                    "<script>evil()</script>", "--b--"].joined(separator: "\r\n")
        try w.capture([Self.mail("a@x", from: "a@evil.example", subject: "file",
                                 headers: ["MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\""],
                                 body: body)])
        let id = try #require(try w.open()["a@x"])
        try await w.serve { client in
            let page = try await client.get("/review/\(id)")
            #expect(page.body.contains("href=\"/review/\(id)/attachments/0\""))
            let file = try await client.get("/review/\(id)/attachments/0")
            #expect(file.status == 200)
            let disposition = try #require(file.header("Content-Disposition"))
            #expect(disposition.hasPrefix("attachment;"))
            #expect(disposition.contains("filename=\"x.html\""))
            #expect(!disposition.contains("..") && !disposition.contains("/"))
            #expect(file.header("Content-Type") == "application/octet-stream")
            #expect(file.header("X-Content-Type-Options") == "nosniff")
            #expect(file.body == "<script>evil()</script>")
            let raw = try await client.get("/review/\(id)/raw")
            #expect(raw.header("Content-Disposition")?.hasPrefix("attachment;") == true)
            #expect(raw.body.contains("Message-ID: <a@x>"))
        }
    }

    @Test("§5 §8 bulk assign and bulk dismiss from the queue's form; the page after says how many")
    func bulk() async throws {
        let w = try ReviewConsoleWorld()
        try w.capture((0..<5).map { Self.mail("b\($0)@x", from: "p\($0)@unknown.example", subject: "n\($0)") })
        let ids = try w.open().sorted { $0.key < $1.key }.map(\.value)
        try await w.serve { client in
            let assigned = try await client.post("/review/assign",
                                                 [("ids", "\(ids[0])"), ("ids", "\(ids[1])"), ("contact", "c7")])
            #expect(assigned.status == 303)
            let location = try #require(assigned.header("Location"))
            #expect(try await client.get(location).body.contains("2 entries assigned."))
            let dismissed = try await client.post("/review/dismiss",
                                                  [("ids", "\(ids[2])"), ("ids", "\(ids[3])"), ("why", "spam")])
            #expect(dismissed.status == 303)
            let list = try await client.get(try #require(dismissed.header("Location")))
            #expect(list.body.contains("2 entries dismissed."))
            #expect(list.body.contains("data-unmatched-id=\"\(ids[4])\""))
            #expect(!list.body.contains("data-unmatched-id=\"\(ids[0])\""))
            let refused = try await client.post("/review/assign", [("ids", "\(ids[4])"), ("contact", "nobody")])
            #expect(refused.status == 400)
        }
        let rows = try w.database.exportUnmatched()
        #expect(rows.filter { $0.status == "assigned" }.map(\.id).sorted() == [ids[0], ids[1]])
        #expect(rows.filter { $0.status == "dismissed" }.map(\.dismissReason) == ["spam", "spam"])
        let log = try w.database.auditEntries().filter { $0.target.hasPrefix("unmatched") }
        #expect(log.count == 4 && log.allSatisfy { $0.actor == "u1" && $0.origin == .console })
    }

    @Test("§8 remember an address as a contact's: the queue shrinks and the page says how many became activities")
    func remember() async throws {
        let w = try ReviewConsoleWorld()
        try w.capture((0..<3).map { Self.mail("r\($0)@x", from: "Pat <pat@newco.example>", subject: "r\($0)") }
                      + [Self.mail("o@x", from: "other@newco.example", subject: "o")])
        let open = try w.open()
        try await w.serve { client in
            let before = try await client.get("/review")
            #expect(before.body.contains("1–4 of 4"))
            let page = try await client.get("/review/\(open["r0@x"]!)")
            #expect(page.body.contains("action=\"/review/remember\""))
            #expect(page.body.contains("name=\"address\" value=\"pat@newco.example\""))
            let reply = try await client.post("/review/remember", [("address", "pat@newco.example"), ("contact", "c7")])
            #expect(reply.status == 303)
            let after = try await client.get(try #require(reply.header("Location")))
            #expect(after.body.contains("Remembered: 3 entries became activities"))
            #expect(after.body.contains("1–1 of 1"))
            #expect(after.body.contains("data-unmatched-id=\"\(open["o@x"]!)\""))
        }
        #expect(try w.open().count == 1)
    }

    @Test("§8 a user without the right review gets 403 for every action and nothing changes")
    func forbidden() async throws {
        let w = try ReviewConsoleWorld()
        try w.capture([Self.mail("f@x", from: "pat@newco.example", subject: "f")])
        let id = try #require(try w.open()["f@x"])
        let before = try w.database.auditEntries().count
        try await w.serve { client in
            let reading = try await client.get("/review", as: "u2")
            #expect(reading.status == 200 && reading.body.contains("data-unmatched-id=\"\(id)\""))
            #expect(!reading.body.contains("Assign selected"))
            let reviewer = try await client.get("/review")
            #expect(reviewer.body.contains("Assign selected"))
            for (path, fields) in [
                ("/review/assign", [("ids", "\(id)"), ("contact", "c7")]),
                ("/review/dismiss", [("ids", "\(id)"), ("why", "x")]),
                ("/review/reprocess", [("ids", "\(id)")]),
                ("/review/remember", [("address", "pat@newco.example"), ("ignore", "1")]),
                ("/review/contacts", [("address", "pat@newco.example"), ("name", "Pat"), ("account", "A1")]),
                ("/review/privacy", [("ids", "1"), ("decision", "exclude")]),
            ] {
                let reply = try await client.post(path, fields, as: "u2")
                #expect(reply.status == 403, "\(path)")
            }
        }
        #expect(try w.open() == ["f@x": id])
        #expect(try w.database.auditEntries().count == before)
        #expect(try w.database.exportContacts().count == 7)
    }
}
