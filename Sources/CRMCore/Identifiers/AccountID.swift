/// The id of an account (`accounts.csv` column `id`, INTERFACE.md §3).
public struct AccountID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The identifier as written in `accounts.csv`.
    public let rawValue: String

    /// Wraps `raw` as it is (ids are compared exactly).
    public init(_ raw: String) { rawValue = raw }

    public var description: String { rawValue }
    public static func < (lhs: AccountID, rhs: AccountID) -> Bool { lhs.rawValue < rhs.rawValue }
}
