/// The id of an account (`accounts.csv` column `id`, INTERFACE.md §3), compared exactly.
public struct AccountID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The identifier as written in `accounts.csv`.
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps `raw` as it is (ids are compared exactly).
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
