import CRMCore
import Foundation
import Testing
@testable import Capture

@Suite struct ReplaySymlinkTests {
    let db: FreshDatabase
    init() throws { db = try FreshDatabase() }

    @Test("replay: a directory symbolic link to an ancestor ends, every file is read once, the loop is named")
    func symlinkLoop() throws {
        let a = try db.file("tree/a.eml", "Message-ID: <a@x>\r\nSubject: a\r\n\r\na\r\n")
        _ = try db.file("tree/sub/b.eml", "Message-ID: <b@x>\r\nSubject: b\r\n\r\nb\r\n")
        let root = (a as NSString).deletingLastPathComponent
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/up", withDestinationPath: root)
        try FileManager.default.createSymbolicLink(atPath: root + "/sub/self", withDestinationPath: ".")
        let summary = try Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook())).replay([root])
        #expect(summary.messages == 2 && summary.duplicates == 0)
        #expect(summary.skipped.map(\.path).sorted() == [root + "/sub/self", root + "/sub/up"])
        #expect(summary.skipped.allSatisfy { $0.reason.contains("symbolic link loop") })
        #expect(summary.unreadable.isEmpty)
    }

    @Test("replay: a link inside a Maildir's cur back to cur or to the Maildir ends as a loop")
    func maildirLoop() throws {
        let a = try db.file("md/cur/1:2,S", "Message-ID: <a@x>\r\nSubject: a\r\n\r\na\r\n")
        _ = try db.file("md/new/2", "Message-ID: <b@x>\r\nSubject: b\r\n\r\nb\r\n")
        let cur = (a as NSString).deletingLastPathComponent
        try FileManager.default.createSymbolicLink(atPath: cur + "/self", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: cur + "/up", withDestinationPath: "..")
        let summary = try Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook()))
            .replay([(cur as NSString).deletingLastPathComponent])
        #expect(summary.messages == 2 && summary.duplicates == 0)
        #expect(summary.skipped.count == 2 && summary.skipped.allSatisfy { $0.reason.contains("symbolic link loop") })
    }

    @Test("replay: a directory reached through two paths is read once")
    func sameDirectoryTwice() throws {
        let a = try db.file("tree/a.eml", "Message-ID: <a@x>\r\nSubject: a\r\n\r\na\r\n")
        let root = (a as NSString).deletingLastPathComponent
        let summary = try Replayer(store: db.database, pipeline: CapturePipeline(book: AddressBook())).replay([root, root + "/"])
        #expect(summary.messages == 1)
        #expect(summary.skipped.count == 1)
    }
}
