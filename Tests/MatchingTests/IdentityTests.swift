import CRMCore
import MailMIME
import Testing
@testable import Matching

@Suite("§4.8 Duplicates: message identity")
struct IdentityTests {
    @Test("§4.8 the identity is the Message-ID")
    func messageID() {
        let message = ParsedMessage(messageID: " abc@host.example ")
        #expect(MessageIdentity(message, rawBytes: [1, 2, 3]) == .messageID("abc@host.example"))
        #expect(MessageIdentity(message, rawBytes: [4, 5]) == .messageID("abc@host.example"))
    }

    @Test("§4.8 without a Message-ID the identity is the SHA-256 of the bytes")
    func contentHash() {
        let bytes = Array("Subject: hi\r\n\r\nbody".utf8)
        for message in [ParsedMessage(), ParsedMessage(messageID: "  ")] {
            #expect(MessageIdentity(message, rawBytes: bytes) == .contentSHA256(SHA256.hexDigest(bytes)))
        }
        #expect(MessageIdentity(ParsedMessage(), rawBytes: bytes) != MessageIdentity(ParsedMessage(), rawBytes: bytes + [0x0a]))
    }

    @Test("§4.8 the identity's text form reads back", arguments: [
        MessageIdentity.messageID("a@b"), .contentSHA256(String(repeating: "0f", count: 32)),
    ])
    func textForm(identity: MessageIdentity) {
        #expect(MessageIdentity(identity.description) == identity)
    }

    @Test("SHA-256 matches the FIPS 180-4 vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hexDigest(Array(input.utf8)) == digest)
    }

    @Test("SHA-256 of a million 'a' and of data fed in odd pieces")
    func longAndStreamed() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var sha = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 55, 56] {
            sha.update(million[offset..<offset + size])
            offset += size
        }
        sha.update(million[offset...])
        #expect(sha.finalize() == SHA256.hash(million))
        #expect(SHA256.hexDigest(million.lazy.map { $0 }) == SHA256.hexDigest(million))
    }
}
