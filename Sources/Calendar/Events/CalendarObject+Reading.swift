import CRMCore

extension CalendarObject {
    /// Resolves the TZIDs in use and reads every VEVENT again (after parsing or a change).
    mutating func reread() {
        objectDefects = []
        let vcalendar = calendarIndex.map { calendar.components[$0] }
        let vevents = vcalendar?.components.filter { $0.name == "VEVENT" } ?? []
        let vtimezones = TimeZoneResolver.vtimezones(of: vcalendar)
        var zones: [String: ResolvedTimeZone] = [:]
        var unknown: Set<String> = []
        for event in vevents {
            for property in event.properties {
                guard let tzid = property.parameter("TZID")?.value, zones[tzid] == nil, !unknown.contains(tzid) else { continue }
                if let zone = resolver.resolve(tzid, vtimezones: vtimezones, defects: &objectDefects) {
                    zones[tzid] = zone
                } else {
                    unknown.insert(tzid)
                    objectDefects.append(ICalDefect(.unknownTimeZone, line: property.line))
                }
            }
        }
        timeZones = zones
        let object = self
        events = vevents.map { ICalEvent(component: $0, instant: object.instant(of:)) }
        if Set(events.map(\.fields.uid)).count > 1 { objectDefects.append(ICalDefect(.mixedUIDs, line: 0)) }
    }

    /// Adds a VTIMEZONE for each TZID of `fields` that the VCALENDAR lacks and the tz database (directly, through a
    /// Windows name or a prefix) knows, before the first VEVENT.
    mutating func addTimeZones(for fields: EventFields) {
        guard let ci = calendarIndex else { return }
        let times = [fields.start, fields.end, fields.recurrenceID].compactMap { $0 } + fields.exceptionDates
            + fields.recurrenceDates
        var added: Set<String> = []
        for time in times {
            guard let tzid = time.tzid, !added.contains(tzid),
                  !calendar.components[ci].components.contains(where: { $0.name == "VTIMEZONE" && $0.first("TZID")?.text == tzid }),
                  let zone = resolver.resolveName(tzid) else { continue }
            added.insert(tzid)
            let vtimezone = VTimeZoneWriter.component(tzid: tzid, rules: zone.rules, year: time.civil.year)
            let at = calendar.components[ci].entries.firstIndex {
                if case .component(let c) = $0 { c.name == "VEVENT" } else { false }
            } ?? calendar.components[ci].entries.endIndex
            calendar.components[ci].entries.insert(.component(vtimezone), at: at)
        }
    }

    /// Our PRODID (RFC 5545 §3.7.3).
    public static let productID = "-//CRMService//Calendar//EN"

    /// A new resource for an event the CRM created: VERSION, our PRODID, the VTIMEZONEs of its TZIDs, the event
    /// (UID, DTSTAMP — `now` when the fields have none — and the fields given) and its overrides.
    public static func new(_ fields: EventFields, overrides: [EventFields] = [], now: CivilTime,
                           resolver: TimeZoneResolver = TimeZoneResolver()) -> CalendarObject {
        var vcalendar = ICalComponent("VCALENDAR")
        vcalendar.append(ICalProperty("VERSION", value: Array("2.0".utf8)))
        vcalendar.append(ICalProperty("PRODID", value: Array(productID.utf8)))
        vcalendar.append(ICalProperty("CALSCALE", value: Array("GREGORIAN".utf8)))
        var object = CalendarObject(calendar: ICalendar(components: [vcalendar]), resolver: resolver)
        for var event in [fields] + overrides {
            if event.timestamp == nil { event.timestamp = ICalDateTime(now, .utc) }
            object.calendar.components[0].append(newEvent(event))
            object.addTimeZones(for: event)
        }
        object.reread()
        return object
    }
}
