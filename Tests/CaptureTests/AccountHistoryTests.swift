import CRMCore
import CRMServiceApp
import Foundation
import Testing
@testable import Capture
@testable import Store

/// The account history of the console (§8 `GET /accounts/ID`): activities of the account and all its subsidiaries,
/// newest first, over a real database filled by import and capture.
@Suite struct AccountHistoryTests {
    let db: FreshDatabase

    /// R ← C ← G (G at depth 2 under R), O on its own, X ⇄ Y a parent cycle; one contact per account, one user.
    init() throws {
        db = try FreshDatabase()
        let importer = ReferenceImporter(database: db.database)
        let files: [(ImportKind, String)] = [
            (.accounts, """
                id,name,type,status,parent_id,currency
                R,Root,Customer,Active,,EUR
                C,Child,Customer,Active,R,EUR
                G,Grandchild,Prospect,Active,C,EUR
                O,Other,Customer,Active,,EUR
                X,Ex,Customer,Active,Y,EUR
                Y,Why,Customer,Active,X,EUR
                """),
            (.users, "id,name,email\nu1,Una User,una@example.com\n"),
            (.contacts, "id,account_id,name,email\n"
                + ["R", "C", "G", "O", "X", "Y"].map { "k\($0),\($0),Person \($0),p@\($0.lowercased()).example.net" }
                    .joined(separator: "\n") + "\n"),
            (.orders, "number,account_id,description\n7,C,Seven\n"),
            (.ratingRules, "account_type,rating,amount_from,amount_to,currency\nCustomer,2,1000,9999,EUR\nCustomer,1,10000,99999999,EUR\nReseller,1,0,10,EUR\n"),
        ]
        for (kind, text) in files { _ = try importer.importFile(kind, path: try db.file("\(kind.rawValue).csv", text)) }
        let pipeline = CapturePipeline(book: try db.database.addressBook(policy: CapturePolicy()))
        // One mail from each account's contact, a day apart: the later the account in this list, the newer its mail.
        let mails = ["G", "O", "R", "C", "X", "Y"].enumerated().map { n, account in
            """
            Message-ID: <\(account)@t>\r
            From: p@\(account.lowercased()).example.net\r
            To: una@example.com\r
            Date: Mon, \(10 + n) Aug 2026 09:00:00 +0000\r
            Subject: from \(account)\(account == "C" ? " Order:7" : "")\r
            \r
            body\r

            """
        } + ["Message-ID: <undated@t>\r\nFrom: p@r.example.net\r\nTo: una@example.com\r\nSubject: undated\r\n\r\nb\r\n"]
        let results = try db.database.inCaptureTransaction { tx in
            try mails.enumerated().map { n, mail in
                try pipeline.capture(RawMessage(bytes: Array(mail.utf8), source: MessageSource(mailbox: "m", ref: "\(n)")), in: tx)
            }
        }
        #expect(results == Array(repeating: .activity, count: mails.count))
    }

    func subjects(_ account: String, offset: Int = 0, limit: Int = 50) throws -> [String?] {
        try db.database.history(of: AccountID(account), offset: offset, limit: limit).map {
            switch $0 {
            case .activity(let a): a.subject
            case .appointment(let a): a.title
            }
        }
    }

    @Test("§8 the history holds the account's and its subsidiaries' activities down to depth 2, newest first, no other account's")
    func subsidiariesAtDepthTwo() throws {
        #expect(try subjects("R") == ["from C Order:7", "from R", "from G", "undated"])
        #expect(try subjects("C") == ["from C Order:7", "from G"])
        #expect(try subjects("O") == ["from O"])
        // Paged: the second page starts where the first ended.
        #expect(try subjects("R", offset: 1, limit: 2) == ["from R", "from G"])
    }

    @Test("an entry carries its date, direction, contacts, users and orders")
    func entryDetail() throws {
        let first = try #require(try db.database.history(of: AccountID("R"), offset: 0, limit: 1).first)
        guard case .activity(let a) = first else { return }
        #expect(a.direction == "incoming")
        #expect(a.date == ISO8601DateFormatter().date(from: "2026-08-13T09:00:00Z"))
        #expect(a.contacts == [.init(id: "kC", name: "Person C")])
        #expect(a.users == [.init(id: "u1", name: "Una User")])
        #expect(a.accounts == [.init(id: "C", name: "Child")])
        #expect(a.orders == [OrderNumber(7)])
    }

    @Test("§8 §9 an appointment with a customer's people shows in the account's history, merged with the mail by date")
    func appointmentsInHistory() throws {
        _ = try ReferenceImporter(database: db.database).importFile(.appointments, path: try db.file("appointments.csv", """
            id,owner,title,start,end,all_day,time_zone,location,description,attendees
            M1,u1,Meeting G,2026-08-11T10:00:00Z,2026-08-11T11:00:00Z,false,,Room,,P@G.example.net
            M2,u1,Meeting O,2026-08-20T10:00:00Z,2026-08-20T11:00:00Z,false,,,,p@o.example.net
            M3,u1,Internal,2026-08-21T10:00:00Z,2026-08-21T11:00:00Z,false,,,,una@example.com

            """))
        #expect(try subjects("R") == ["from C Order:7", "from R", "Meeting G", "from G", "undated"])
        #expect(try subjects("O") == ["Meeting O", "from O"])
        #expect(try subjects("R", offset: 2, limit: 2) == ["Meeting G", "from G"])
        let entry = try #require(try db.database.history(of: AccountID("G"), offset: 0, limit: 1).first)
        guard case .appointment(let a) = entry else { Issue.record("not an appointment: \(entry)"); return }
        #expect(a.id == AppointmentID("M1") && a.start.iso8601 == "2026-08-11T10:00:00Z" && a.location == "Room")
        #expect(a.contacts == [.init(id: "kG", name: "Person G")])
        #expect(a.accounts == [.init(id: "G", name: "Grandchild")])
        #expect(a.owner == .init(id: "u1", name: "Una User"))
    }

    @Test("§6 a parent cycle is followed once: X and Y each show both, and the profile lists the other once")
    func cycle() throws {
        #expect(try subjects("X") == ["from Y", "from X"])
        let profile = try #require(try db.database.accountProfile(AccountID("X")))
        #expect(profile.subsidiaries.map(\.account.id) == [AccountID("Y")])
        #expect(profile.parent?.id == AccountID("Y"))
    }

    @Test("the profile: type, status, parent, subsidiaries with their depth, the rules of its type best first")
    func profile() throws {
        let profile = try #require(try db.database.accountProfile(AccountID("R")))
        #expect(profile.account.name == "Root" && profile.account.type == .customer && profile.parent == nil)
        #expect(profile.subsidiaries.map { "\($0.depth) \($0.account.id)" } == ["1 C", "2 G"])
        #expect(profile.ratingRules.map { "\($0.rating) \($0.amountFrom)-\($0.amountTo)" } == ["1 10000-99999999", "2 1000-9999"])
        #expect(try db.database.accountProfile(AccountID("nope")) == nil)
    }

    @Test("the account search matches id or name, case-insensitively, a % literally")
    func search() throws {
        #expect(try db.database.findAccounts(matching: "CHILD", offset: 0, limit: 10).map(\.id.rawValue) == ["C", "G"])
        #expect(try db.database.findAccounts(matching: "%", offset: 0, limit: 10).isEmpty)
        #expect(try db.database.findAccounts(matching: "", offset: 0, limit: 3).count == 3)
    }
}
