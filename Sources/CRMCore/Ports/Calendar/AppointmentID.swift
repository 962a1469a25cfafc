/// The id of an appointment (§9: `export appointments` field `id`, the `appointments` CSV column `id`).
public struct AppointmentID: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The identifier as written in the CSV or printed by `appointments add`.
    public let rawValue: String

    /// Wraps `raw` as it is (ids are compared exactly).
    public init(_ raw: String) { rawValue = raw }

    public var description: String { rawValue }
    public static func < (lhs: AppointmentID, rhs: AppointmentID) -> Bool { lhs.rawValue < rhs.rawValue }
}
