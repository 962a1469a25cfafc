/// A slow salted password hash (bcrypt in the product; never our own crypto).
public protocol PasswordHashing: Sendable {
    /// A new salted hash of `password`.
    func hash(_ password: String) -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) -> Bool
}
