import CRMCore

/// One VEVENT as read: the fields the CRM models, the component itself (everything else, untouched), and what was
/// wrong with it.
public struct ICalEvent: Sendable, Hashable {
    public var fields: EventFields
    /// The VEVENT as it stands in the object.
    public var component: ICalComponent
    /// Problems of this event (unreadable values, unknown TZID, end before start), with their lines.
    public var defects: [ICalDefect]
    /// True when the end came from DURATION (writing a changed start or end replaces it with DTEND).
    public var endFromDuration: Bool

    /// Reads the modelled fields of `component`; `instant` turns a date-time into UTC seconds when it can.
    init(component: ICalComponent, instant: (ICalDateTime) -> Int64?) {
        self.component = component
        var defects: [ICalDefect] = []
        func text(_ name: String) -> String? { component.first(name)?.text }
        func time(_ name: String) -> ICalDateTime? {
            guard let p = component.first(name) else { return nil }
            guard let t = ICalDateTime.parse(p.value, parameters: p.parameters) else {
                defects.append(ICalDefect(.unreadableDateTime, line: p.line))
                return nil
            }
            return t
        }
        func list(_ name: String) -> [ICalDateTime] {
            var out: [ICalDateTime] = []
            for p in component.all(name) where p.parameter("VALUE")?.value.uppercased() != "PERIOD" {
                for item in p.value.split(separator: 0x2C) {
                    if let t = ICalDateTime.parse(item, parameters: p.parameters) {
                        out.append(t)
                    } else {
                        defects.append(ICalDefect(.unreadableDateTime, line: p.line))
                    }
                }
            }
            return out
        }

        let uid = text("UID")
        if uid == nil { defects.append(ICalDefect(.missingUID, line: component.line)) }
        var fields = EventFields(uid: uid ?? "")
        fields.title = text("SUMMARY")
        fields.location = text("LOCATION")
        fields.description = text("DESCRIPTION")
        fields.start = time("DTSTART")
        if fields.start == nil, component.first("DTSTART") == nil {
            defects.append(ICalDefect(.missingStart, line: component.line))
        }
        var fromDuration = false
        if let end = time("DTEND") {
            fields.end = end
        } else if let p = component.first("DURATION"), let start = fields.start {
            if let duration = ICalDuration.parse(p.value) {
                fields.end = Self.add(duration, to: start)
                fromDuration = true
            } else {
                defects.append(ICalDefect(.unreadableDuration, line: p.line))
            }
        } else if let start = fields.start, component.first("DTEND") == nil {
            fields.end = start.isDate ? Self.add(ICalDuration(days: 1), to: start) : start
        }
        endFromDuration = fromDuration
        if let p = component.first("ORGANIZER") {
            fields.organizer = CalendarAddress.email(p.value)
            if fields.organizer == nil { defects.append(ICalDefect(.nonMailtoAddress, line: p.line)) }
        }
        var seen: Set<EmailAddress> = []
        for p in component.all("ATTENDEE") {
            guard let address = CalendarAddress.email(p.value) else {
                defects.append(ICalDefect(.nonMailtoAddress, line: p.line))
                continue
            }
            if seen.insert(address).inserted { fields.attendees.append(address) }
        }
        if let p = component.first("RRULE") {
            let rule = RecurrenceRule(p.rawText)
            if !rule.isWellFormed { defects.append(ICalDefect(.malformedRecurrenceRule, line: p.line)) }
            fields.recurrenceRule = rule
        }
        fields.recurrenceDates = list("RDATE")
        fields.exceptionDates = list("EXDATE")
        fields.recurrenceID = time("RECURRENCE-ID")
        fields.status = text("STATUS").flatMap { EventStatus(rawValue: $0.trimmingASCIIWhitespace().uppercased()) }
        fields.lastModified = time("LAST-MODIFIED")
        fields.timestamp = time("DTSTAMP")
        fields.sequence = text("SEQUENCE").flatMap { Int($0.trimmingASCIIWhitespace()) }
        if let start = fields.start, let end = fields.end, Self.isBefore(end, start, instant: instant) {
            defects.append(ICalDefect(.endBeforeStart, line: component.first("DTEND")?.line ?? component.line))
        }
        self.fields = fields
        self.defects = defects
    }

    /// `start` moved by `duration`: days on the calendar, seconds on the clock of the value's own form.
    static func add(_ duration: ICalDuration, to start: ICalDateTime) -> ICalDateTime {
        var t = start
        let seconds = start.civil.seconds + Int64(duration.days) * 86_400 + (start.isDate ? 0 : Int64(duration.seconds))
        t.civil = CivilTime(seconds: seconds)
        return t
    }

    /// Whether `a` is earlier than `b`: by their instants when both have one, else by their wall clocks.
    static func isBefore(_ a: ICalDateTime, _ b: ICalDateTime, instant: (ICalDateTime) -> Int64?) -> Bool {
        if let x = instant(a), let y = instant(b) { return x < y }
        return a.civil.seconds < b.civil.seconds
    }
}
