import CRMCore
import CRMServiceApp
import Foundation
import Store

/// A seeded world at the scale for timing: 2,000 accounts of 5 contacts each and `entries` open entries
/// from unknown addresses (about 4 an address): new people at the accounts' domains, contacts writing from a public
/// mail domain under their own name, and strangers.
struct ScaleWorld {
    let work: URL
    let entries: Int
    var seed: UInt64 = 10

    static let first = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hans", "Ida", "Jonas", "Karin",
                        "Lukas", "Mia", "Noah", "Olga", "Paul", "Rita", "Sven", "Tina", "Uwe"]
    static let last = ["Meier", "Schmidt", "Novak", "Rossi", "Dubois", "Smith", "Jansen", "Berg", "Kowalski",
                       "Horvat", "Lind", "Costa", "Weber", "Moreau", "Bauer"]

    /// SplitMix64: the same world on every machine.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// The database with the address book and the entries, and the facts of every entry as the ranking gets them
    /// (sender and display name; thread and assignments empty).
    func build() throws -> (database: AppDatabase, facts: [CandidateFacts], contacts: [ContactCard], users: [EmailAddress]) {
        var random = Random(state: seed)
        var accounts = "id,name,type,status,parent_id,currency\r\n"
        var contacts = "id,account_id,name,email\r\n"
        var cards: [ContactCard] = []
        var names: [String] = []
        for a in 0..<2_000 {
            accounts += "A\(a),Account \(a),Customer,Active,,EUR\r\n"
            for c in 0..<5 {
                let name = "\(Self.first[random.next(Self.first.count)]) \(Self.last[random.next(Self.last.count)])"
                let address = "\(name.lowercased().replacingOccurrences(of: " ", with: "."))\(c)@acct\(a).example"
                contacts += "C\(a)-\(c),A\(a),\(name),\(address)\r\n"
                cards.append(ContactCard(id: ContactID("C\(a)-\(c)"), name: name, account: AccountID("A\(a)"),
                                         accountName: "Account \(a)", addresses: [EmailAddress(address)!]))
                names.append(name)
            }
        }
        let database = try AppDatabase.open(path: work.appendingPathComponent("scale.sqlite").path)
        let importer = ReferenceImporter(database: database)
        _ = try importer.importBytes(.accounts, Array(accounts.utf8), file: "accounts.csv")
        _ = try importer.importBytes(.users, Array("id,name,email\r\nu1,Anna Admin,anna@company.example\r\n".utf8), file: "users.csv")
        _ = try importer.importBytes(.contacts, Array(contacts.utf8), file: "contacts.csv")

        let mail = work.appendingPathComponent("scale-mail")
        try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
        var facts: [CandidateFacts] = []
        var senders: [(address: String, name: String?)] = []
        for _ in 0..<(entries / 4) {
            let kind = random.next(10)
            let name = names[random.next(names.count)]
            let local = "\(name.lowercased().replacingOccurrences(of: " ", with: "."))\(random.next(1000))"
            switch kind {
            case 0..<5: senders.append(("\(local)@acct\(random.next(2_000)).example", random.next(2) == 0 ? name : nil))
            case 5..<8: senders.append(("\(local)@gmail.com", name))
            default: senders.append(("\(local)@stranger\(random.next(500)).example", nil))
            }
        }
        for k in 0..<entries {
            let (address, name) = senders[random.next(senders.count)]
            let from = name.map { "\($0) <\(address)>" } ?? address
            let text = "Message-ID: <scale-\(k)@bench.example>\r\nDate: \(1 + k % 28) Oct 2026 10:00:00 +0000\r\n"
                + "From: \(from)\r\nTo: anna@company.example\r\nSubject: Inquiry \(k)\r\n\r\nHello\r\n"
            try Data(text.utf8).write(to: mail.appendingPathComponent("\(k).eml"))
            facts.append(CandidateFacts(address: EmailAddress(address)!, displayName: name))
        }
        _ = try ReplayService(database: database).replay([mail.path], mailbox: "scale")
        return (database, facts, cards, [EmailAddress("anna@company.example")!])
    }
}
