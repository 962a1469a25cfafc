/// The id of a user, one of the company's own people (`users.csv` column `id`, INTERFACE.md §3).
public struct UserID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The identifier as written in `users.csv`.
    public let rawValue: String

    /// Wraps `raw` as it is (ids are compared exactly).
    public init(_ raw: String) { rawValue = raw }

    public var description: String { rawValue }
    public static func < (lhs: UserID, rhs: UserID) -> Bool { lhs.rawValue < rhs.rawValue }
}
