import CRMCore
import CRMServiceApp
import Foundation
import MailMIME
import Store

/// The ranking measured where the right answer is known: for each contact of `Fixtures/capture` that takes part in its mail (From, To, Cc), its
/// most used address of its own is held out (one contact at a time, the others keep theirs), the fixture mail is
/// replayed into a fresh database, and every open entry whose person is the held-out address is ranked; the right
/// contact is the one the address was taken from.
struct HoldOut {
    struct Score {
        var knowable = 0, first = 0, top3 = 0, none = 0
        mutating func add(_ other: Score) {
            knowable += other.knowable; first += other.first; top3 += other.top3; none += other.none
        }
        func line(_ label: String) -> String {
            func pct(_ n: Int) -> String { knowable == 0 ? "-" : String(format: "%.0f%%", 100.0 * Double(n) / Double(knowable)) }
            return "\(label): right contact first: \(first) of \(knowable) knowable entries (\(pct(first))), "
                + "in top 3: \(top3) (\(pct(top3))), no candidate at all: \(none)"
        }
    }

    let fixtures: String
    let work: URL

    /// contacts.csv rows: id, account, name, addresses (the fixture file has no quoted fields).
    func contacts() throws -> [(id: String, account: String, name: String, addresses: [String])] {
        let text = try String(contentsOfFile: fixtures + "/contacts.csv", encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1], f[2], f[3].split(separator: ";").map { $0.lowercased() })
        }
    }

    func run() throws -> (cold: Score, working: Score, baseline: Score, heldOut: [String: String]) {
        let messages = try FileManager.default.contentsOfDirectory(atPath: fixtures + "/messages").sorted()
            .map { fixtures + "/messages/" + $0 }
        let parser = MIMEParser()
        var seen: [String: Int] = [:]
        for path in messages {
            let parsed = parser.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
            for a in parsed.from + parsed.to + parsed.cc { seen[a.address.lowercased(), default: 0] += 1 }
        }
        let users = Set(try String(contentsOfFile: fixtures + "/users.csv", encoding: .utf8).split(whereSeparator: \.isNewline)
            .dropFirst().flatMap { $0.split(separator: ",").last!.split(separator: ";").map { $0.lowercased() } })
        let book = try contacts()
        let owners = Dictionary(grouping: book.flatMap { c in c.addresses.map { ($0, c.id) } }, by: \.0).mapValues { $0.map(\.1) }
        // Each contact's most used address of its own (not shared with another contact or a user) is held out.
        var heldOut: [String: String] = [:]
        for c in book {
            let own = c.addresses.filter { owners[$0]?.count == 1 && !users.contains($0) && seen[$0, default: 0] > 0 }
            if let pick = own.max(by: { (seen[$0]!, $1) < (seen[$1]!, $0) }) { heldOut[pick] = c.id }
        }
        var cold = Score(), working = Score(), baseline = Score()
        for (address, owner) in heldOut.sorted(by: { $0.key < $1.key }) {
            let database = try replay(book: book, without: address, messages: messages,
                                      name: "holdout-\(owner).sqlite")
            let knowable = try knowableEntries(database, heldOut: address, owner: owner, users: users, owners: owners)
            cold.add(try score(database, knowable, assign: false))
            working.add(try score(database, knowable, assign: true))
            // The reference: what a plain lookup would offer, the contacts (by id) of the accounts that have addresses
            // in the held-out address's domain.
            let domain = String(EmailAddress(address)!.domain)
            let cards = try database.contactCards()
            let accounts = Set(cards.filter { $0.addresses.contains { $0.domain == domain } }.map(\.account))
            let plain = cards.filter { accounts.contains($0.account) }.map(\.id.rawValue).sorted()
            for _ in knowable {
                baseline.knowable += 1
                if plain.first == owner { baseline.first += 1 }
                if plain.prefix(3).contains(owner) { baseline.top3 += 1 }
                if plain.isEmpty { baseline.none += 1 }
            }
        }
        return (cold, working, baseline, heldOut)
    }

    /// A fresh database with the fixture address book less `address`, and every fixture message replayed into it.
    /// A contact whose only address is held out stays without one: `import contacts` refuses that, so the records
    /// are written directly.
    func replay(book: [(id: String, account: String, name: String, addresses: [String])], without address: String,
                messages: [String], name: String) throws -> AppDatabase {
        let database = try AppDatabase.open(path: work.appendingPathComponent(name).path)
        let importer = ReferenceImporter(database: database)
        for kind in [ImportKind.accounts, .users, .orders] { _ = try importer.importFile(kind, path: fixtures + "/\(kind.rawValue).csv") }
        try database.importContacts(book.map { c in
            ContactRecord(id: ContactID(c.id), accountID: AccountID(c.account), name: c.name,
                          addresses: c.addresses.filter { $0 != address }.compactMap(EmailAddress.init))
        })
        _ = try ReplayService(database: database).replay(messages, mailbox: "fixtures")
        return database
    }

    /// The open entries about `address`: from it, or a user's mail whose first unknown recipient it is.
    func knowableEntries(_ database: AppDatabase, heldOut address: String, owner: String, users: Set<String>,
                         owners: [String: [String]]) throws -> [(entry: Int64, contact: String)] {
        let parser = MIMEParser()
        var knowable: [(entry: Int64, contact: String)] = []
        for row in try database.exportUnmatched() where row.status == "open" {
            guard let head = try database.unmatchedEntryHead(row.id) else { continue }
            let parsed = parser.parse(head.head)
            guard let sender = parsed.from.first?.address.lowercased() else { continue }
            var person = sender
            if users.contains(sender) {
                person = (parsed.to + parsed.cc).map { $0.address.lowercased() }
                    .first { !users.contains($0) && (owners[$0] == nil || $0 == address) } ?? ""
            }
            if person == address { knowable.append((row.id, owner)) }
        }
        return knowable
    }

    /// Ranks each entry; with `assign`, assigns it to the right contact afterwards, as an administrator would.
    func score(_ database: AppDatabase, _ knowable: [(entry: Int64, contact: String)], assign: Bool) throws -> Score {
        let service = ReviewCandidateService(database: database)
        var score = Score()
        for (entry, contact) in knowable {
            let ranked = try service.candidates(forEntry: entry, limit: 10).map(\.contact.rawValue)
            score.knowable += 1
            if ranked.first == contact { score.first += 1 }
            if ranked.prefix(3).contains(contact) { score.top3 += 1 }
            if ranked.isEmpty { score.none += 1 }
            if assign { try ReviewService(database: database).assign(entry, contact: ContactID(contact), actor: "bench") }
        }
        return score
    }
}
