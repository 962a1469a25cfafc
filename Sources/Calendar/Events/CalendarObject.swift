import CRMCore

/// One calendar object resource (RFC 4791 §4.1): a VCALENDAR holding one event series — its master and the
/// overrides of single occurrences (RECURRENCE-ID) — with the VTIMEZONEs they use. What a CalDAV sync reads,
/// changes and writes back; everything the CRM does not model stays as it was read.
public struct CalendarObject: Sendable {
    /// The parsed stream (parser defects included).
    public internal(set) var calendar: ICalendar
    /// The VEVENTs of the first VCALENDAR, in order.
    public internal(set) var events: [ICalEvent]
    /// Every TZID used by the events that could be resolved.
    public internal(set) var timeZones: [String: ResolvedTimeZone]
    /// Problems of the object as a whole: unknown TZIDs, malformed VTIMEZONEs, mixed UIDs.
    public internal(set) var objectDefects: [ICalDefect]
    public let resolver: TimeZoneResolver

    /// Reads a resource. Never fails: see `defects`.
    public init(bytes: [UInt8], parser: ICalendarParser = ICalendarParser(),
                resolver: TimeZoneResolver = TimeZoneResolver()) {
        self.init(calendar: parser.parse(bytes), resolver: resolver)
    }

    public init(calendar: ICalendar, resolver: TimeZoneResolver = TimeZoneResolver()) {
        self.calendar = calendar
        self.resolver = resolver
        self.events = []
        self.timeZones = [:]
        self.objectDefects = []
        reread()
    }

    /// Every defect: the parser's, the object's, then each event's, by line.
    public var defects: [ICalDefect] {
        (calendar.defects + objectDefects + events.flatMap(\.defects)).sorted { $0.line < $1.line }
    }

    /// The series' UID (the first event's).
    public var uid: String? { events.first.map(\.fields.uid) }

    /// The event without RECURRENCE-ID: the single event or the master of a series.
    public var master: ICalEvent? { events.first { $0.fields.recurrenceID == nil } }

    /// The events with RECURRENCE-ID: overridden occurrences of the series.
    public var overrides: [ICalEvent] { events.filter { $0.fields.recurrenceID != nil } }

    /// The instant (UTC seconds) of a date-time: UTC, or local time in a resolved zone. Nil for dates, floating
    /// times and times in an unknown zone.
    public func instant(of time: ICalDateTime) -> Int64? {
        switch time.form {
        case .utc: time.civil.seconds
        case .zoned(let tzid): timeZones[tzid].map { $0.rules.instant(ofLocal: time.civil.seconds) }
        case .date, .floating: nil
        }
    }

    /// The UTC offset in seconds in force at a date-time (for ISO 8601 output); nil where `instant(of:)` is nil.
    public func offset(of time: ICalDateTime) -> Int32? {
        guard let instant = instant(of: time) else { return nil }
        if case .zoned(let tzid) = time.form { return timeZones[tzid]?.rules.offset(at: instant) }
        return 0
    }

    /// The object as bytes: what was read, with the changes made through `update`/`add`/`remove`.
    public func serialized() -> [UInt8] { calendar.serialized() }

    /// Writes `fields` into the event with the same RECURRENCE-ID (nil: the master); only fields that differ from
    /// what was read are written. Returns false when there is no such event or nothing changed.
    @discardableResult
    public mutating func update(_ fields: EventFields) -> Bool {
        guard let index = events.firstIndex(where: { $0.fields.recurrenceID == fields.recurrenceID }) else { return false }
        let event = events[index]
        var changed = false
        editEvents { component in
            guard component == event.component else { return }
            changed = component.apply(fields, from: event.fields, endFromDuration: event.endFromDuration)
        }
        guard changed else { return false }
        addTimeZones(for: fields)
        reread()
        return true
    }

    /// Adds an event (an override of an occurrence, usually) to the VCALENDAR.
    public mutating func add(_ fields: EventFields) {
        guard let ci = calendarIndex else { return }
        calendar.components[ci].append(Self.newEvent(fields))
        addTimeZones(for: fields)
        reread()
    }

    /// Removes the event with this RECURRENCE-ID (nil: the master).
    public mutating func remove(recurrenceID: ICalDateTime?) {
        guard let ci = calendarIndex else { return }
        let events = self.events
        calendar.components[ci].entries.removeAll { entry in
            guard case .component(let c) = entry, c.name == "VEVENT" else { return false }
            return events.first { $0.component == c }?.fields.recurrenceID == recurrenceID
        }
        reread()
    }

    var calendarIndex: Int? { calendar.components.firstIndex { $0.name == "VCALENDAR" } }

    private mutating func editEvents(_ body: (inout ICalComponent) -> Void) {
        guard let ci = calendarIndex else { return }
        for ei in calendar.components[ci].entries.indices {
            guard case .component(var c) = calendar.components[ci].entries[ei], c.name == "VEVENT" else { continue }
            body(&c)
            calendar.components[ci].entries[ei] = .component(c)
        }
    }

    /// A VEVENT with UID and DTSTAMP first (RFC 5545 §3.6.1), then the fields.
    static func newEvent(_ fields: EventFields) -> ICalComponent {
        var event = ICalComponent("VEVENT")
        event.append(ICalProperty("UID", text: fields.uid))
        if let stamp = fields.timestamp { event.append(stamp.property("DTSTAMP")) }
        var base = EventFields(uid: fields.uid)
        base.timestamp = fields.timestamp
        event.apply(fields, from: base)
        return event
    }
}
