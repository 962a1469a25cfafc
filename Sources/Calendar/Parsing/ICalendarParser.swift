/// Reads iCalendar (RFC 5545) streams from bytes into components. Never throws on content: what cannot be read
/// becomes an `ICalDefect` with its line number, and the parser returns what it could read.
public struct ICalendarParser: Sendable {
    /// Limits. Defaults suit calendars from any CalDAV server, hostile ones included.
    public struct Options: Sendable {
        /// The longest content line kept, unfolded (bytes). Longer lines are dropped (`line_too_long`). The default
        /// keeps a 10 MB DESCRIPTION.
        public var maxLineBytes: Int = 16 << 20
        /// The deepest nesting of components kept (VCALENDAR › VEVENT › VALARM is 3).
        public var maxDepth: Int = 16
        /// The most components read in one stream; the rest are dropped.
        public var maxComponents: Int = 100_000
        /// The most properties kept in one component.
        public var maxPropertiesPerComponent: Int = 10_000
        /// The most parameters read on one content line; the rest are skipped.
        public var maxParameters: Int = 100

        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Parses a stream of one or more top-level components (normally one VCALENDAR).
    public func parse(_ bytes: [UInt8]) -> ICalendar {
        var builder = ComponentTreeBuilder(options: options)
        var scanner = ContentLineScanner(bytes: bytes, maxLineBytes: options.maxLineBytes)
        while let unfolded = scanner.next(defects: &builder.defects) {
            guard let line = ContentLineParser.parse(unfolded.bytes, line: unfolded.line,
                                                     maxParameters: options.maxParameters,
                                                     defects: &builder.defects) else { continue }
            builder.add(line)
        }
        return builder.finish()
    }
}
