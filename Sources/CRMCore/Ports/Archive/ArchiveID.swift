/// The id of an archive (§10), as `export archives` and the `archive` commands show it.
public struct ArchiveID: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init?(_ text: String) {
        guard let value = Int64(text), value > 0 else { return nil }
        rawValue = value
    }
    public var description: String { String(rawValue) }
    public static func < (a: ArchiveID, b: ArchiveID) -> Bool { a.rawValue < b.rawValue }
}
