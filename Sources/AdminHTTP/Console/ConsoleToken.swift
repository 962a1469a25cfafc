import CRMCore

/// The random values of the console (§8): session tokens, CSRF tokens and login-form tokens. 32 bytes of the system's
/// cryptographic generator, written base64url without padding (43 characters, all valid in a cookie).
enum ConsoleToken {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64url(bytes)
    }

    /// Whether `text` looks like a token of `random()` (43 characters of base64url), so a cookie's value can be
    /// reused safely.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
    }

    /// What the database keeps of a session token: its SHA-256 in lower-case hex, so that a copy of the database
    /// cannot be used to log in.
    static func hash(_ token: String) -> String { SHA256.hexDigest(Array(token.utf8)) }

    /// Compares in constant time for equal lengths (a token's length is no secret).
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        return BasicAuthenticator.constantTimeEqual(Array(given.utf8), Array(expected.utf8))
    }

    private static func base64url(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for byte in chunk { value = value << 8 | Int(byte) }
            value <<= 8 * (3 - chunk.count)
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 63]) }
            index += 3
        }
        return out
    }
}
