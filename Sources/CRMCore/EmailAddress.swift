/// An e-mail address in its comparison form (§2 of the contract): trimmed and lower-cased.
///
/// Display names never count, so they are not part of this type.
public struct EmailAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The normalised address.
    public let value: String

    /// Normalises `raw`; nil when nothing is left or it has no `@` between a local part and a domain.
    public init?(_ raw: some StringProtocol) {
        let trimmed = raw.trimmingASCIIWhitespace()
        guard let at = trimmed.lastIndex(of: "@"), at != trimmed.startIndex,
              trimmed.index(after: at) != trimmed.endIndex else { return nil }
        value = trimmed.lowercased()
    }

    /// The part after the last `@`.
    public var domain: Substring { value[value.index(after: value.lastIndex(of: "@")!)...] }

    public var description: String { value }
    public static func < (lhs: EmailAddress, rhs: EmailAddress) -> Bool { lhs.value < rhs.value }
}

extension StringProtocol {
    /// The string without leading and trailing ASCII blanks and line breaks.
    public func trimmingASCIIWhitespace() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
