import Archive
import CRMCore
import CRMServiceApp
import Foundation
import TestSupport
import Testing

@Suite("§10 archive download")
struct ArchiveDownloadTests {
    static let tools = ["/usr/bin/unzip", "/usr/bin/python3"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("§10 download writes a ZIP that unzip -t and Python's zipfile read: manifest, the three JSON Lines files whole, messages/SHA256.eml for every raw copy")
    func zipReadable() throws {
        try Prerequisite.require(Self.tools, "unzip and /usr/bin/python3")
        let w = try ArchiveWorld()
        try w.dismissOpenEntries()
        let activities = try w.export(.activities), unmatched = try w.export(.unmatched)
        let record = try w.archiveEverything()
        let zip = w.directory.appendingPathComponent("archive.zip").path
        try w.service.download(record.id, to: zip, credentials: w.credentials())
        let test = try Spawn.run(["unzip", "-t", zip])
        #expect(test.status == 0, "\(test.out)\(test.err)")
        // Python checks every entry's CRC, that each eml's name is the SHA-256 of its bytes, and prints the JSONL files.
        let script = """
            import hashlib, json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            names = z.namelist()
            emls = [n for n in names if n.startswith('messages/')]
            for n in emls:
                assert hashlib.sha256(z.read(n)).hexdigest() + '.eml' == n[len('messages/'):], n
            m = json.loads(z.read('manifest.json'))
            print(json.dumps({'names': names[:4], 'emls': len(emls), 'manifest': m}))
            open(sys.argv[2], 'wb').write(z.read('activities.jsonl'))
            open(sys.argv[3], 'wb').write(z.read('unmatched.jsonl'))
            """
        let a = w.directory.appendingPathComponent("a.jsonl").path, u = w.directory.appendingPathComponent("u.jsonl").path
        let read = try Spawn.run(["/usr/bin/python3", "-c", script, zip, a, u])
        #expect(read.status == 0, "\(read.err)")
        let summary = try JSONSerialization.jsonObject(with: Data(read.out.utf8)) as? [String: Any]
        #expect(summary?["names"] as? [String] == ["manifest.json", "activities.jsonl", "unmatched.jsonl", "job-runs.jsonl"])
        #expect((summary?["emls"] as? Int ?? 0) >= record.activities)
        #expect((summary?["manifest"] as? [String: Any])?["sha256"] as? String == record.sha256)
        // The files are the export formats, whole: the lines of the records archived, as exported before.
        let before = Set(String(decoding: activities, as: UTF8.self).split(separator: "\n").map(String.init))
        let zipped = try String(contentsOfFile: a, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(zipped.count == record.activities && zipped.allSatisfy(before.contains))
        let entries = Set(String(decoding: unmatched, as: UTF8.self).split(separator: "\n").map(String.init))
        let zippedEntries = try String(contentsOfFile: u, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(zippedEntries.count == record.unmatched && record.unmatched > 0 && zippedEntries.allSatisfy(entries.contains))
    }

    @Test("the ZIP writer's ZIP64 end records: 70,000 entries (more than 65,535) read by unzip and Python")
    func zip64Entries() throws {
        try Prerequisite.require(Self.tools, "unzip and /usr/bin/python3")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zip64-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("many.zip").path
        let zip = try ZipStreamWriter(path: path)
        for n in 0..<70_000 {
            let bytes = Array("entry \(n)\n".utf8)
            try zip.add("e/\(n).txt", size: Int64(bytes.count)) { Array(bytes.prefix($0)) }
        }
        try zip.finish()
        let read = try Spawn.run(["/usr/bin/python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
            print(len(z.namelist()), z.read('e/69999.txt').decode().strip())
            """, path])
        #expect(read.out.trimmingCharacters(in: .whitespacesAndNewlines) == "70000 entry 69999", "\(read.err)")
        #expect(try Spawn.run(["unzip", "-tq", path]).status == 0)
    }
}
