/// The id of a pending one-off run (`jobs run NAME --at`, §7); never reused, so a cancel of a started run can say so.
public struct PendingRunID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}
