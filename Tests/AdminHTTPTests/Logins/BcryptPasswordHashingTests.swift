import AdminHTTP
import CRMCore
import Testing

@Suite("§8 passwords are stored only as a slow salted hash (bcrypt)") struct BcryptPasswordHashingTests {
    let hashing = BcryptPasswordHashing(cost: 4)

    @Test("§8 the hash is bcrypt with its cost and a salt of its own each time; it verifies only the password")
    func saltedHash() throws {
        let first = try hashing.hash("a long enough password")
        let second = try hashing.hash("a long enough password")
        #expect(first.hasPrefix("$2b$04$"))
        #expect(first != second)
        #expect(!first.contains("a long enough password"))
        #expect(hashing.verify("a long enough password", against: first))
        #expect(hashing.verify("a long enough password", against: second))
        #expect(!hashing.verify("a long enough passwor", against: first))
    }

    @Test("the product's cost is 12")
    func defaultCost() {
        #expect(BcryptPasswordHashing().cost == 12)
    }

    @Test("bcrypt reads 72 bytes: a longer password is refused, not cut, and never verifies")
    func over72Bytes() throws {
        let seventyTwo = String(repeating: "p", count: 72)
        let hash = try hashing.hash(seventyTwo)
        #expect(throws: UnacceptablePassword(problem: .tooLong(bytes: 73, maximum: 72))) {
            try hashing.hash(seventyTwo + "q")
        }
        // Raw bcrypt would accept this one, as it reads only the first 72 bytes.
        #expect(!hashing.verify(seventyTwo + "q", against: hash))
        #expect(hashing.verify(seventyTwo, against: hash))
    }

    @Test("a NUL would end the password for the C hash: refused")
    func nul() {
        #expect(throws: UnacceptablePassword(problem: .containsNUL)) { try hashing.hash("abcdefghijkl\u{0}x") }
    }
}
