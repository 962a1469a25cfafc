/// The id of a contact, a customer's person (`contacts.csv` column `id`, INTERFACE.md §3).
public struct ContactID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The identifier as written in `contacts.csv`.
    public let rawValue: String

    /// Wraps `raw` as it is (ids are compared exactly).
    public init(_ raw: String) { rawValue = raw }

    public var description: String { rawValue }
    public static func < (lhs: ContactID, rhs: ContactID) -> Bool { lhs.rawValue < rhs.rawValue }
}
