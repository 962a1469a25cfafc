import CRMCore
import HummingbirdBcrypt

/// Console passwords as bcrypt hashes (HummingbirdBcrypt; §8: only a slow salted hash is stored).
///
/// bcrypt reads only the first 72 bytes and stops at a NUL: `hash` refuses such a password (`UnacceptablePassword`)
/// instead of storing a hash that a shorter password would also match, and `verify` never accepts one. Both are
/// slow on purpose (cost 12: about a quarter of a second here); callers on the cooperative pool run them on a
/// thread of their own.
public struct BcryptPasswordHashing: PasswordHashing {
    /// log2 of bcrypt's rounds; 12 in the product, lower only in tests.
    public let cost: UInt8

    private static let limits = PasswordPolicy()

    public init(cost: UInt8 = 12) {
        precondition((4...31).contains(cost), "bcrypt cost must be between 4 and 31")
        self.cost = cost
    }

    public func hash(_ password: String) throws -> String {
        try Self.limits.checkLength(password)
        return Bcrypt.hash(password, cost: cost)
    }

    public func verify(_ password: String, against hash: String) -> Bool {
        guard (try? Self.limits.checkLength(password)) != nil else { return false }
        return Bcrypt.verify(password, hash: hash)
    }
}
