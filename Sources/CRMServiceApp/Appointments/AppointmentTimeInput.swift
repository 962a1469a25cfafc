import CRMCore

/// Reads the start and end of an appointment as the CLI and the CSV give them (§9), into the form the appointment
/// keeps (`AppointmentTime`):
///
/// - all-day: both are dates `YYYY-MM-DD`; the end is exclusive as in iCalendar (DTEND), and an end equal to the
///   start means that one day (stored as the next day);
/// - with a zone (`--tz`, the CSV's `time_zone`, a tz database name): local times `YYYY-MM-DDTHH:MM[:SS]` in it; a
///   time given with an offset or `Z` is that instant, shown in the zone;
/// - without a zone: `…Z` or `…±HH:MM` is UTC (an offset is applied), no offset a floating time.
///
/// The end must not be before the start.
public struct AppointmentTimeInput: Sendable {
    let database: TimeZoneDatabase

    public init(database: TimeZoneDatabase = TimeZoneDatabase()) { self.database = database }

    /// The start and end; `fields` names the start, end and zone fields in errors (`start`/`--start`…).
    public func times(start: String, end: String, allDay: Bool, timeZone: String?,
                      fields: (start: String, end: String, zone: String) = ("start", "end", "time_zone"))
        throws(AppointmentInputError) -> (start: AppointmentTime, end: AppointmentTime, zone: String?) {
        let zone = timeZone.map { $0.trimmingASCIIWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        if allDay {
            if zone != nil {
                throw AppointmentInputError(field: fields.zone, message: "an all-day appointment has no time zone")
            }
            let first = try date(start, field: fields.start)
            var last = try date(end, field: fields.end)
            if last.local == first.local { last = AppointmentTime(CivilTime(seconds: first.local.seconds + 86_400), .date) }
            guard last.local.seconds >= first.local.seconds else {
                throw AppointmentInputError(field: fields.end, message: "\"\(end)\" is before the start")
            }
            return (first, last, nil)
        }
        var rules: TimeZoneRules?
        if let zone {
            do { rules = try database.rules(for: zone) } catch {
                throw AppointmentInputError(field: fields.zone, message: "\"\(zone)\" is no time zone of the tz database")
            }
        }
        let first = try time(start, field: fields.start, zone: zone, rules: rules)
        let last = try time(end, field: fields.end, zone: zone, rules: rules)
        guard last.instant >= first.instant else {
            throw AppointmentInputError(field: fields.end, message: "\"\(end)\" is before the start")
        }
        return (first, last, zone)
    }

    private func date(_ text: String, field: String) throws(AppointmentInputError) -> AppointmentTime {
        let text = text.trimmingASCIIWhitespace()
        guard text.utf8.count == 10, let parsed = Self.parse(text), parsed.offset == nil else {
            throw AppointmentInputError(field: field, message: "\"\(text)\" is not a date YYYY-MM-DD (all-day)")
        }
        return AppointmentTime(parsed.civil, .date)
    }

    private func time(_ text: String, field: String, zone: String?, rules: TimeZoneRules?)
        throws(AppointmentInputError) -> AppointmentTime {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.utf8.count > 10, let parsed = Self.parse(trimmed) else {
            throw AppointmentInputError(field: field, message: "\"\(trimmed)\" is not an ISO 8601 date and time "
                                        + "(YYYY-MM-DDTHH:MM[:SS], optional Z or ±HH:MM)")
        }
        if let zone, let rules {
            if let offset = parsed.offset {
                let instant = parsed.civil.seconds - Int64(offset)
                let local = rules.offset(at: instant)
                return AppointmentTime(CivilTime(seconds: instant + Int64(local)), .zoned(zone: zone), utcOffset: local)
            }
            let instant = rules.instant(ofLocal: parsed.civil.seconds)
            return AppointmentTime(parsed.civil, .zoned(zone: zone), utcOffset: rules.offset(at: instant))
        }
        guard let offset = parsed.offset else { return AppointmentTime(parsed.civil, .floating) }
        return AppointmentTime(CivilTime(seconds: parsed.civil.seconds - Int64(offset)), .utc)
    }

    /// `YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]`: the wall clock and the offset in seconds, nil when none was given.
    static func parse(_ text: String) -> (civil: CivilTime, offset: Int32?)? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var n = 0
            for k in i..<(i + count) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                n = n * 10 + Int(b[k] - 0x30)
            }
            i += count
            return n
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = digits(4), expect(0x2D), let m = digits(2), expect(0x2D), let d = digits(2),
              (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return nil }
        if i == b.count { return (CivilTime(year: y, month: m, day: d), nil) }
        guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")), let h = digits(2), h <= 23, expect(0x3A),
              let mi = digits(2), mi <= 59 else { return nil }
        var s = 0
        if expect(0x3A) {
            guard let sec = digits(2), sec <= 59 else { return nil }
            s = sec
        }
        let civil = CivilTime(year: y, month: m, day: d, hour: h, minute: mi, second: s)
        if i == b.count { return (civil, nil) }
        if expect(UInt8(ascii: "Z")) { return i == b.count ? (civil, 0) : nil }
        let sign: Int32
        if expect(0x2B) { sign = 1 } else if expect(0x2D) { sign = -1 } else { return nil }
        guard let oh = digits(2), oh <= 23, expect(0x3A), let om = digits(2), om <= 59, i == b.count else { return nil }
        return (civil, sign * Int32(oh * 3600 + om * 60))
    }
}
