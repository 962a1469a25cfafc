/// A file of the tz database that is not a TZif file this reader understands.
public struct MalformedTZif: Error, Sendable, Equatable, CustomStringConvertible {
    public var identifier: String
    public var reason: String
    public var description: String { "time zone \(identifier): malformed TZif file (\(reason))" }
}
