import CRMServiceApp
import Foundation
import Testing

@Suite("SecretFile: secrets only their owner can read, never shown")
struct SecretFileTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    @Test("a 0600 file: its content without the trailing line break; the Secret never describes it")
    func reads() throws {
        let path = try w.file("imap.password", "s3cret pass\r\n", mode: 0o600)
        let secret = try SecretFile.read(path)
        #expect(secret.value == "s3cret pass")
        #expect("\(secret)" == "<secret>" && String(reflecting: secret) == "<secret>")
        #expect(try SecretFile.read(try w.file("owner-only-readable", "x", mode: 0o400)).value == "x")
    }

    @Test("a file group or others may access is refused, naming the path and mode, not the content",
          arguments: [0o640, 0o604, 0o644, 0o660, 0o602])
    func tooOpen(mode: Int) throws {
        let path = try w.file("open.password", "hunter2\n", mode: mode)
        do {
            _ = try SecretFile.read(path)
            Issue.record("read a file of mode \(String(mode, radix: 8))")
        } catch {
            #expect(error.reason == .tooOpen(mode: UInt32(mode)))
            #expect(error.description == "secret file \(path) is accessible by group or others (mode \(String(mode, radix: 8))): chmod 600 it")
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test("a missing file, a directory and an empty file are refused with the path")
    func unreadable() throws {
        let missing = w.path("nope")
        #expect(throws: SecretFileError(path: missing, reason: .unreadable)) { try SecretFile.read(missing) }
        #expect(throws: SecretFileError(path: w.directory.path, reason: .unreadable)) { try SecretFile.read(w.directory.path) }
        let empty = try w.file("empty", "\n", mode: 0o600)
        #expect(throws: SecretFileError(path: empty, reason: .empty)) { try SecretFile.read(empty) }
        #expect(SecretFileError(path: missing, reason: .unreadable).description == "cannot read secret file \(missing)")
    }
}
