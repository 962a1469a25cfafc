import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
import Store

/// A real database file with a small address book (Acme, Globex, Initech; users Anna and Bob at company.example),
/// and messages replayed into it, for the review queue's candidates (§8).
final class CandidateWorld {
    let directory: URL
    let database: AppDatabase
    private var serial = 0

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("candidates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        database = try TestStore.open(path: directory.appendingPathComponent("crm.sqlite").path)
        let importer = ReferenceImporter(database: database)
        _ = try importer.importBytes(.accounts, Array("""
            id,name,type,status,parent_id,currency
            A1,Acme,Customer,Active,,EUR
            A2,Globex,Customer,Active,,EUR
            A3,Initech,Customer,Active,,EUR

            """.utf8), file: "accounts.csv")
        _ = try importer.importBytes(.users, Array("""
            id,name,email
            u1,Anna,anna@company.example
            u2,Bob,bob@company.example

            """.utf8), file: "users.csv")
        _ = try importer.importBytes(.contacts, Array("""
            id,account_id,name,email
            c1,A1,Cathy Acme,cathy@acme.example
            c2,A1,Carl Acme,carl@acme.example
            c3,A2,Greg Globex,greg@globex.example
            c4,A2,Gina Globex,gina@globex.example
            c5,A3,Ian Initech,ian@gmail.com

            """.utf8), file: "contacts.csv")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var dbPath: String { directory.appendingPathComponent("crm.sqlite").path }

    /// Replays one message; returns what became of it.
    @discardableResult
    func mail(from: String, to: String = "anna@company.example", subject: String = "Hello", date: String = "1 Oct 2026 10:00:00 +0000",
              id: String? = nil, inReplyTo: String? = nil) throws -> ReplaySummary {
        serial += 1
        var header = "Message-ID: <\(id ?? "m\(serial)@test.example")>\r\nDate: \(date)\r\nFrom: \(from)\r\nTo: \(to)\r\n"
        if let inReplyTo { header += "In-Reply-To: <\(inReplyTo)>\r\nReferences: <\(inReplyTo)>\r\n" }
        header += "Subject: \(subject)\r\n\r\nbody\r\n"
        let url = directory.appendingPathComponent("m\(serial).eml")
        try Data(header.utf8).write(to: url)
        return try ReplayService(database: database).replay([url.path], mailbox: "test")
    }

    /// The open entries' ids by sender address (as stored).
    func openEntries(from address: String) throws -> [Int64] {
        try database.exportUnmatched().filter { $0.status == "open" && $0.from == address }.map(\.id)
    }

    var service: ReviewCandidateService { ReviewCandidateService(database: database) }
}
