/// Something wrong in an iCalendar stream that the parser or the event reader recovered from, with the line (the
/// first physical line of the content line, 1-based; 0 when it concerns the whole object).
public struct ICalDefect: Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. The raw value is the stable name a run log prints, so cases may be added, never renamed.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A line that is not `name *(;param) : value` (no colon, an empty or invalid name); dropped.
        case malformedLine = "malformed_line"
        /// A parameter without `=` or with an unterminated quoted value; the parameter was skipped.
        case malformedParameter = "malformed_parameter"
        /// A content line longer (unfolded) than `Options.maxLineBytes`; dropped.
        case lineTooLong = "line_too_long"
        /// A continuation line (leading space or tab) with no line before it; dropped.
        case orphanContinuation = "orphan_continuation"
        /// A property or component outside any `BEGIN`/`END`; dropped.
        case contentOutsideComponent = "content_outside_component"
        /// An `END` that closes no open component; dropped.
        case unexpectedEnd = "unexpected_end"
        /// A component without its `END` (closed at the end of the stream or by an outer `END`).
        case missingEnd = "missing_end"
        /// Components nested deeper than `Options.maxDepth`; the deeper ones were dropped.
        case nestingTooDeep = "nesting_too_deep"
        /// More components than `Options.maxComponents`; the rest were dropped.
        case tooManyComponents = "too_many_components"
        /// More properties in one component than `Options.maxPropertiesPerComponent`; the rest were dropped.
        case tooManyProperties = "too_many_properties"
        /// A date or date-time value that could not be read.
        case unreadableDateTime = "unreadable_date_time"
        /// A DURATION value that could not be read.
        case unreadableDuration = "unreadable_duration"
        /// A TZID that no VTIMEZONE, tz database name, Windows zone name or known prefix resolves: the time is
        /// read as floating, its TZID kept.
        case unknownTimeZone = "unknown_time_zone"
        /// A VTIMEZONE whose observances could not be read; the TZID is resolved by name instead.
        case malformedTimeZone = "malformed_time_zone"
        /// An RRULE without a readable FREQ, or with parts that could not be read; kept as text.
        case malformedRecurrenceRule = "malformed_recurrence_rule"
        /// An event that ends before it starts (kept as it is).
        case endBeforeStart = "end_before_start"
        /// An event without UID.
        case missingUID = "missing_uid"
        /// An event without DTSTART.
        case missingStart = "missing_start"
        /// A resource whose events carry different UIDs (RFC 4791 §4.1 allows one).
        case mixedUIDs = "mixed_uids"
        /// An ATTENDEE or ORGANIZER that is not a `mailto:` address; kept, not mapped.
        case nonMailtoAddress = "non_mailto_address"
    }

    public var kind: Kind
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    public var description: String { line > 0 ? "\(kind.rawValue) (line \(line))" : kind.rawValue }
}
