import CRMCore
import Testing

@Suite("§8 console passwords: at least 12 characters, at most what bcrypt reads")
struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test("§8 a password of 11 characters is refused, one of 12 accepted")
    func minimum() throws {
        #expect(throws: UnacceptablePassword(problem: .tooShort(characters: 11, minimum: 12))) {
            try policy.check("abcdefghijk")
        }
        try policy.check("abcdefghijkl")
    }

    @Test("§8 characters count, not bytes: 12 letters of 2 bytes each pass the minimum")
    func charactersNotBytes() throws {
        try policy.check(String(repeating: "ä", count: 12))
        #expect(throws: UnacceptablePassword.self) { try policy.check(String(repeating: "ä", count: 11)) }
    }

    @Test("bcrypt reads 72 bytes: a password of 73 bytes of UTF-8 is refused, not cut")
    func maximum() throws {
        try policy.check(String(repeating: "x", count: 72))
        #expect(throws: UnacceptablePassword(problem: .tooLong(bytes: 73, maximum: 72))) {
            try policy.check(String(repeating: "x", count: 73))
        }
        // 37 two-byte letters: 37 characters, 74 bytes.
        #expect(throws: UnacceptablePassword(problem: .tooLong(bytes: 74, maximum: 72))) {
            try policy.check(String(repeating: "é", count: 37))
        }
    }

    @Test("a NUL would end the password for the C hash: refused")
    func nul() {
        #expect(throws: UnacceptablePassword(problem: .containsNUL)) { try policy.check("abcdefghijkl\u{0}mnop") }
    }
}
