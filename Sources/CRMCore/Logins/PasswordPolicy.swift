/// What a console password must be (§8): at least 12 characters, and no more than the hash reads (bcrypt: 72 bytes
/// of UTF-8), so that every character typed counts. A NUL cannot be passed to the C hash and is refused too.
public struct PasswordPolicy: Sendable, Equatable {
    public var minimumCharacters: Int
    public var maximumBytes: Int

    public init(minimumCharacters: Int = 12, maximumBytes: Int = 72) {
        self.minimumCharacters = minimumCharacters
        self.maximumBytes = maximumBytes
    }

    /// Throws `UnacceptablePassword` naming the first rule `password` breaks.
    public func check(_ password: String) throws {
        try checkLength(password)
        if password.count < minimumCharacters {
            throw UnacceptablePassword(problem: .tooShort(characters: password.count, minimum: minimumCharacters))
        }
    }

    /// Only the upper bound and the NUL: what the hash itself needs, whatever the minimum.
    public func checkLength(_ password: String) throws {
        let bytes = password.utf8.count
        if bytes > maximumBytes { throw UnacceptablePassword(problem: .tooLong(bytes: bytes, maximum: maximumBytes)) }
        if password.utf8.contains(0) { throw UnacceptablePassword(problem: .containsNUL) }
    }
}
