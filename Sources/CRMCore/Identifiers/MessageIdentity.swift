/// What makes two messages "the same message" (INTERFACE.md §4.8): the `Message-ID`, or without one the
/// SHA-256 of the raw bytes.
///
/// Message ids are compared exactly as the parser gives them (without angle brackets, trimmed): RFC 5322 does not
/// make them case-insensitive. The `Matching` module computes identities from a parsed message and its bytes.
public enum MessageIdentity: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The `Message-ID` without angle brackets.
    case messageID(String)
    /// The SHA-256 of the raw message bytes, 64 lower-case hex digits (only for messages without a `Message-ID`).
    case contentSHA256(String)

    /// The stable text form: `mid:<id>` or `sha256:<hex>` (for a database key or an export).
    public var description: String {
        switch self {
        case .messageID(let id): "mid:\(id)"
        case .contentSHA256(let hex): "sha256:\(hex)"
        }
    }

    /// Reads the text form written by `description`; nil for anything else.
    public init?(_ text: String) {
        if text.hasPrefix("mid:"), text.count > 4 {
            self = .messageID(String(text.dropFirst(4)))
        } else if text.hasPrefix("sha256:"), text.count == 7 + 64 {
            self = .contentSHA256(String(text.dropFirst(7)))
        } else {
            return nil
        }
    }

    /// The `Message-ID` when the identity is one; other messages can name only those in `In-Reply-To`/`References`.
    public var messageID: String? {
        if case .messageID(let id) = self { id } else { nil }
    }

    public static func < (lhs: MessageIdentity, rhs: MessageIdentity) -> Bool { lhs.description < rhs.description }
}
