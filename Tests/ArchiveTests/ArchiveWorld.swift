import StoreTestSupport
import CRMCore
import CRMServiceApp
import Foundation
import Store

/// A database file in a temporary directory with the `Fixtures/capture` address book and messages replayed, and
/// the users `u1` (right archive, password `archive-password-1`) and `u3` (no rights, a password).
final class ArchiveWorld {
    static let password = "archive-password-1"
    let directory: URL
    let path: String
    let database: AppDatabase

    init(replay: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("archivetests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("crm.sqlite").path
        database = try TestStore.open(path: path)
        let importer = ReferenceImporter(database: database)
        for kind in [ImportKind.accounts, .users, .contacts, .orders] {
            _ = try importer.importFile(kind, path: Self.fixtures + "/\(kind.rawValue).csv")
        }
        let admin = LoginAdministration(database: database)
        let setup = CLIActor(name: "test", login: nil)
        _ = try admin.grant(["archive"], to: "u1", actor: setup)
        try admin.setPassword(of: "u1", to: Self.password, actor: setup)
        try admin.setPassword(of: "u3", to: Self.password, actor: setup)
        if replay { try self.replay() }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func replay() throws {
        _ = try ReplayService(database: database).replay(Self.inputs, mailbox: "fixtures", batchSize: 64)
    }

    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/capture").path
    }()

    static let inputs = ["messages", "mbox", "maildir"].map { fixtures + "/" + $0 }

    /// `export KIND` as bytes.
    func export(_ kind: ExportKind) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try ReferenceExporter(database: database).export(kind, format: .jsonl) { bytes += $0 }
        return bytes
    }

    func objects(_ kind: ExportKind) throws -> [[String: Any]] {
        try String(decoding: export(kind), as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    var service: ArchiveService { ArchiveService(database: database) }

    func credentials(_ user: String? = "u1", password: String = ArchiveWorld.password) -> ArchiveCredentials {
        ArchiveCredentials(user: user) { password }
    }

    /// Closes every open unmatched entry: dismissed, so that archiving takes them.
    func dismissOpenEntries() throws {
        let review = ReviewService(database: database)
        for row in try review.list(openOnly: true) { try review.dismiss(row.id, why: "test", actor: "test") }
    }

    /// Archives everything (as of a day far in the future).
    func archiveEverything() throws -> ArchiveRecord {
        guard let record = try service.run(months: 12, asOf: Day(rawValue: "2999-01-01")!, actor: "test") else {
            throw NothingArchived()
        }
        return record
    }

    var fileSize: Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? -1
    }
}

struct NothingArchived: Error {}

extension ArchiveWorld {
    /// Replays `count` messages from contact c1 to user u1, dated in 2020, each with `bodyBytes` of seeded random
    /// base64 text (compresses to about three quarters: the archive is about as large as the raw copies).
    func replayGenerated(count: Int, bodyBytes: Int, seed: UInt64) throws {
        var random = SeededRandom(seed)
        let folder = directory.appendingPathComponent("generated")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for n in 0..<count {
            var body: [UInt8] = []
            body.reserveCapacity(bodyBytes + bodyBytes / 76 * 2)
            for i in 0..<bodyBytes {
                body.append(alphabet[Int(random.next() % 64)])
                if i % 76 == 75 { body += [13, 10] }
            }
            let head = "Message-ID: <gen-\(seed)-\(n)@acme.example.net>\r\nDate: 1 Mar 2020 10:00:00 +0000\r\n"
                + "From: Cathy Acme <cathy@acme.example.net>\r\nTo: alice@example.com\r\nSubject: Generated \(n)\r\n\r\n"
            try Data(Array(head.utf8) + body + [13, 10]).write(to: folder.appendingPathComponent("m\(n).eml"))
        }
        _ = try ReplayService(database: database).replay([folder.path], mailbox: "generated", batchSize: 64)
    }
}

/// SplitMix64, for the generated messages.
struct SeededRandom {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
