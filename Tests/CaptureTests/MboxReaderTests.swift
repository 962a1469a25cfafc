import Foundation
import Testing
@testable import Capture

@Suite struct MboxReaderTests {
    func messages(_ text: String) throws -> [String] {
        let db = try FreshDatabase()
        let path = try db.file("box.mbox", text)
        var reader = try MboxReader(path: path)
        var result: [String] = []
        while let bytes = try reader.next() { result.append(String(decoding: bytes, as: UTF8.self)) }
        return result
    }

    @Test("mbox: messages split at From_ lines after a blank line; the separator blank line is dropped")
    func splits() throws {
        let got = try messages("From a@b Mon Oct 5 10:00:00 2026\nSubject: 1\n\nbody 1\n\nFrom c@d Mon Oct 5 10:00:00 2026\nSubject: 2\n\nbody 2\n")
        #expect(got == ["Subject: 1\n\nbody 1\n", "Subject: 2\n\nbody 2\n"])
    }

    @Test("mboxrd: one '>' is removed from >From lines, however many there are")
    func unescapes() throws {
        let got = try messages("From a@b x\nSubject: 1\n\n>From here\n>>From there\n> From not\nFrom inside (no blank line before)\n")
        #expect(got == ["Subject: 1\n\nFrom here\n>From there\n> From not\nFrom inside (no blank line before)\n"])
    }

    @Test("mbox with CRLF line ends keeps them")
    func crlf() throws {
        let got = try messages("From a@b x\r\nSubject: 1\r\n\r\nbody\r\n\r\nFrom c@d x\r\nSubject: 2\r\n\r\nb2\r\n")
        #expect(got == ["Subject: 1\r\n\r\nbody\r\n", "Subject: 2\r\n\r\nb2\r\n"])
    }

    @Test("mbox streams: a file larger than the read chunk splits the same")
    func largerThanChunk() throws {
        let body = String(repeating: "line of text\n", count: 200_000)
        let got = try messages("From a@b x\nSubject: big\n\n\(body)\nFrom c@d x\nSubject: 2\n\nb\n")
        #expect(got.count == 2)
        #expect(got[0] == "Subject: big\n\n\(body)")
    }

    @Test("replay inputs: directories recursive and sorted, Maildir cur then new, tmp and dot-files skipped")
    func inputs() throws {
        let db = try FreshDatabase()
        _ = try db.file("in/b.eml", "Subject: b\n\nx\n")
        _ = try db.file("in/a/z.eml", "Subject: z\n\nx\n")
        _ = try db.file("in/.hidden", "Subject: h\n\nx\n")
        _ = try db.file("in/box.mbox", "From a@b x\nSubject: m\n\nx\n")
        _ = try db.file("md/new/2", "Subject: n\n\nx\n")
        _ = try db.file("md/cur/1:2,S", "Subject: c\n\nx\n")
        _ = try db.file("md/tmp/3", "Subject: t\n\nx\n")
        let root = db.directory.path
        let inputs = try ReplayInput.expand([root + "/in", root + "/md/"])
        #expect(inputs.map(\.path) == [root + "/in/a/z.eml", root + "/in/b.eml", root + "/in/box.mbox",
                                        root + "/md/cur/1:2,S", root + "/md/new/2"])
        #expect(inputs.map(\.kind) == [.message, .message, .mbox, .message, .message])
    }
}
