/// A start, end or excluded date of an appointment, in the form it was written (§9.5 keeps it exactly): a date (all
/// day), a floating wall-clock time, a UTC time, or a wall-clock time in a named zone.
///
/// The offset from UTC is carried with a zoned time because the zone may be known only to the iCalendar resource it
/// came from (a VTIMEZONE of its own): whoever builds the value resolves the zone, the store never has to.
public struct AppointmentTime: Sendable, Hashable, CustomStringConvertible {
    public enum Form: Sendable, Hashable {
        /// A calendar day (`VALUE=DATE`); `local` is its midnight.
        case date
        /// A wall-clock time in no particular zone.
        case floating
        /// UTC; `local` is the UTC wall clock.
        case utc
        /// A wall-clock time in the zone `zone` (a tz database name when one is known, else the TZID as written).
        case zoned(zone: String)
    }

    /// The wall-clock fields as written.
    public var local: CivilTime
    public var form: Form
    /// Seconds east of UTC at this time: 0 for UTC, the zone's offset for a zoned time, nil for a date or floating time.
    public var utcOffset: Int32?

    public init(_ local: CivilTime, _ form: Form, utcOffset: Int32? = nil) {
        self.local = local
        self.form = form
        self.utcOffset = form == .utc ? 0 : utcOffset
    }

    /// A calendar day.
    public static func date(year: Int, month: Int, day: Int) -> AppointmentTime {
        AppointmentTime(CivilTime(year: year, month: month, day: day), .date)
    }

    public var isDate: Bool { form == .date }

    /// The zone of a zoned time.
    public var zone: String? { if case .zoned(let zone) = form { zone } else { nil } }

    /// Seconds since 1970 of this time; a date or floating time is read as UTC (only to order it among others).
    public var instant: Int64 { local.seconds - Int64(utcOffset ?? 0) }

    /// ISO 8601 as §9 exports it: `2026-01-05` for a date, `2026-01-05T09:00:00+01:00` with the offset,
    /// `2026-01-05T09:00:00Z` in UTC, `2026-01-05T09:00:00` for a floating time (it has no offset).
    public var iso8601: String {
        let text = local.description
        switch form {
        case .date: return String(text.prefix(10))
        case .utc: return text + "Z"
        case .floating: return text
        case .zoned:
            guard let offset = utcOffset else { return text }
            if offset == 0 { return text + "Z" }
            let magnitude = Int(offset.magnitude)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return text + (offset < 0 ? "-" : "+") + two(magnitude / 3600) + ":" + two(magnitude / 60 % 60)
        }
    }

    public var description: String {
        if case .zoned(let zone) = form { return "\(iso8601) (\(zone))" }
        return iso8601
    }
}
