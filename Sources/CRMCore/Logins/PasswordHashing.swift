/// A slow salted password hash (bcrypt in the product; never our own crypto).
public protocol PasswordHashing: Sendable {
    /// A new salted hash of `password`; throws `UnacceptablePassword` for one the algorithm cannot take whole
    /// (bcrypt reads only 72 bytes: a longer password is refused rather than silently cut).
    func hash(_ password: String) throws -> String
    /// Whether `password` matches `hash`.
    func verify(_ password: String, against hash: String) -> Bool
}
