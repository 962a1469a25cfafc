/// A time zone name that is not in the tz database (or whose file cannot be read).
public struct UnknownTimeZone: Error, Sendable, Equatable, CustomStringConvertible {
    public var identifier: String
    public var malformed: MalformedTZif?

    public init(identifier: String, malformed: MalformedTZif? = nil) {
        self.identifier = identifier
        self.malformed = malformed
    }

    public var description: String {
        if let malformed { return "unknown time zone '\(identifier)': \(malformed.reason)" }
        return "unknown time zone '\(identifier)' (not in the tz database)"
    }
}
