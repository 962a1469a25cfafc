/// A parsed iCalendar stream: its top-level components (normally one VCALENDAR) and what the parser repaired.
public struct ICalendar: Sendable, Hashable {
    public var components: [ICalComponent]
    public var defects: [ICalDefect]

    public init(components: [ICalComponent], defects: [ICalDefect] = []) {
        self.components = components
        self.defects = defects
    }

    /// The stream as RFC 5545 bytes: CRLF line ends, lines folded at 75 octets. Properties and components read
    /// and not changed are written with the bytes they were read with (folding aside).
    public func serialized() -> [UInt8] {
        var writer = ICalWriter()
        for component in components { writer.write(component) }
        return writer.bytes
    }
}
