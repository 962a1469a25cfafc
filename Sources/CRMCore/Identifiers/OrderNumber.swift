/// The number of an order (`orders.csv` column `number`, a positive integer; `Order:N` in mail, INTERFACE.md §3, §4.7).
public struct OrderNumber: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The number.
    public let rawValue: Int64

    /// Wraps `raw` as it is.
    public init(_ raw: Int64) { rawValue = raw }

    public var description: String { String(rawValue) }
    public static func < (lhs: OrderNumber, rhs: OrderNumber) -> Bool { lhs.rawValue < rhs.rawValue }
}
