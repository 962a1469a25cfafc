import CRMCore
import CRMServiceApp
import Foundation
import Testing

@Suite("§10 archive download, delete and restore need --as, the right archive and the password")
struct ArchiveProtectionTests {
    @Test("§10 without --as, without the right or with a wrong password: refused, nothing done, every attempt in the audit",
          arguments: [(String?.none, ArchiveWorld.password), ("u3", ArchiveWorld.password), ("u1", "wrong-password-123")])
    func refused(user: String?, password: String) throws {
        let w = try ArchiveWorld()
        let record = try w.archiveEverything()
        let activities = try w.export(.activities)
        let zip = w.directory.appendingPathComponent("out.zip").path
        let actions: [(String, () throws -> Void)] = [
            ("download", { try w.service.download(record.id, to: zip, credentials: w.credentials(user, password: password)) }),
            ("delete", { _ = try w.service.delete(record.id, credentials: w.credentials(user, password: password)) }),
            ("restore", { _ = try w.service.restore(record.id, credentials: w.credentials(user, password: password)) }),
        ]
        for (action, body) in actions {
            let error = #expect(throws: ArchiveRefused.self) { try body() }
            #expect(error?.action == action)
        }
        #expect(!FileManager.default.fileExists(atPath: zip))
        #expect(try w.service.list().map(\.state) == [.available])
        #expect(try w.export(.activities) == activities)
        let refusals = try w.database.auditEntries().filter { $0.target == "archive \(record.id)" }
        #expect(refusals.map(\.action) == ["archive-run", "archive-download-refused", "archive-delete-refused",
                                           "archive-restore-refused"])
    }

    @Test("§10 the right password: the action is done and its audit line names the user")
    func accepted() throws {
        let w = try ArchiveWorld()
        let record = try w.archiveEverything()
        let deleted = try w.service.delete(record.id, credentials: w.credentials())
        #expect(deleted.state == .deleted)
        let last = try #require(try w.database.auditEntries().last)
        #expect(last.actor == "u1" && last.action == "archive-delete" && last.target == "archive \(record.id)")
        // A deleted archive's data is gone: it cannot be restored or downloaded.
        #expect(throws: ArchiveUnavailable.self) { _ = try w.service.restore(record.id, credentials: w.credentials()) }
    }

    @Test("§10 after archive delete the database file is smaller: the space goes back to the file system")
    func deleteShrinksTheFile() throws {
        let w = try ArchiveWorld(replay: false)
        try w.replayGenerated(count: 120, bodyBytes: 40_000, seed: 12)
        let record = try w.archiveEverything()
        #expect(record.activities == 120 && record.bytes > 3_000_000)
        try w.database.reclaimFreeSpace()
        let before = w.fileSize
        _ = try w.service.delete(record.id, credentials: w.credentials())
        let after = w.fileSize
        #expect(after < before - record.bytes / 2, "before \(before) bytes, after \(after), archive \(record.bytes)")
    }
}

@Suite("§8 §10 the console's archives port")
struct ConsoleArchivesTests {
    @Test("§8 §10 the console's download asks for the password again: a wrong one is refused and audited from the console, the right one writes the ZIP")
    func consolePassword() throws {
        let w = try ArchiveWorld()
        let record = try w.archiveEverything()
        let console = ConsoleArchives(service: w.service)
        #expect(throws: ArchiveActionRefused.self) { _ = try console.download(record.id, user: UserID("u1"), password: "wrong-password-1") }
        #expect(throws: ArchiveActionRefused.self) { try console.delete(record.id, user: UserID("u3"), password: ArchiveWorld.password) }
        let path = try console.download(record.id, user: UserID("u1"), password: ArchiveWorld.password)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.fileExists(atPath: path))
        let entries = try w.database.auditEntries().filter { $0.target == "archive \(record.id)" }.suffix(3)
        #expect(entries.map(\.action) == ["archive-download-refused", "archive-delete-refused", "archive-download"])
        #expect(entries.allSatisfy { $0.origin == .console })
        #expect(try console.archives().map(\.state) == [.available])
    }
}
