import CRMCore

extension ICalComponent {
    /// Writes into this VEVENT the fields of `new` that differ from `old` (the fields as read from it). A field
    /// that did not change leaves its lines, their parameters and their bytes as they were; so does everything the
    /// CRM does not model. Returns whether anything was written.
    @discardableResult
    public mutating func apply(_ new: EventFields, from old: EventFields, endFromDuration: Bool = false) -> Bool {
        var changed = false
        func mark(_ different: Bool) -> Bool { if different { changed = true }; return different }

        if mark(new.uid != old.uid) { set(ICalProperty("UID", text: new.uid)) }
        setText("SUMMARY", new.title, old.title, &changed)
        setText("LOCATION", new.location, old.location, &changed)
        setText("DESCRIPTION", new.description, old.description, &changed)
        let startChanged = mark(new.start != old.start)
        if startChanged { setTime("DTSTART", new.start) }
        if mark(new.end != old.end) || (startChanged && endFromDuration) {
            removeAll("DURATION")
            setTime("DTEND", new.end)
        }
        if mark(new.organizer != old.organizer) {
            if let organizer = new.organizer {
                set(ICalProperty("ORGANIZER", value: CalendarAddress.value(organizer)))
            } else {
                removeAll("ORGANIZER")
            }
        }
        if mark(Set(new.attendees) != Set(old.attendees)) { setAttendees(new.attendees) }
        if mark(new.recurrenceRule?.text != old.recurrenceRule?.text) {
            if let rule = new.recurrenceRule { set(ICalProperty("RRULE", value: Array(rule.text.utf8))) } else { removeAll("RRULE") }
        }
        if mark(Set(new.recurrenceDates) != Set(old.recurrenceDates)) { setList("RDATE", new.recurrenceDates) }
        if mark(Set(new.exceptionDates) != Set(old.exceptionDates)) { setList("EXDATE", new.exceptionDates) }
        if mark(new.recurrenceID != old.recurrenceID) { setTime("RECURRENCE-ID", new.recurrenceID) }
        if mark(new.status != old.status) {
            if let status = new.status { set(ICalProperty("STATUS", value: Array(status.rawValue.utf8))) } else { removeAll("STATUS") }
        }
        if mark(new.lastModified != old.lastModified) { setTime("LAST-MODIFIED", new.lastModified) }
        if mark(new.timestamp != old.timestamp) { setTime("DTSTAMP", new.timestamp) }
        if mark(new.sequence != old.sequence) {
            if let sequence = new.sequence { set(ICalProperty("SEQUENCE", value: Array(String(sequence).utf8))) } else { removeAll("SEQUENCE") }
        }
        return changed
    }

    /// Replaces a TEXT property's value, keeping its parameters (LANGUAGE…) but not ALTREP, which would point at
    /// the old text.
    private mutating func setText(_ name: String, _ new: String?, _ old: String?, _ changed: inout Bool) {
        guard new != old else { return }
        changed = true
        guard let new, !new.isEmpty else { return removeAll(name) }
        var property = first(name) ?? ICalProperty(name, value: [])
        property.value = ICalText.escape(new)
        property.setParameter("ALTREP", nil)
        set(property)
    }

    private mutating func setTime(_ name: String, _ time: ICalDateTime?) {
        if let time { set(time.property(name)) } else { removeAll(name) }
    }

    /// Keeps the ATTENDEE lines (with PARTSTAT, CN…) of addresses still invited and lines that are not `mailto:`;
    /// removes the others; appends the new addresses.
    private mutating func setAttendees(_ addresses: [EmailAddress]) {
        let wanted = Set(addresses)
        var present: Set<EmailAddress> = []
        entries.removeAll { entry in
            guard case .property(let p) = entry, p.name == "ATTENDEE", let address = CalendarAddress.email(p.value)
            else { return false }
            guard wanted.contains(address), present.insert(address).inserted else { return true }
            return false
        }
        for address in addresses where !present.contains(address) {
            present.insert(address)
            append(ICalProperty("ATTENDEE", value: CalendarAddress.value(address)))
        }
    }

    /// One line per form (all-day, UTC, floating, each TZID), values comma-separated, in the order given, where
    /// the first line of that name was.
    private mutating func setList(_ name: String, _ times: [ICalDateTime]) {
        var at = entries.firstIndex { if case .property(let p) = $0 { p.name == name } else { false } }
        removeAll(name)
        var groups: [(ICalDateTime.Form, [ICalDateTime])] = []
        for time in times {
            if let i = groups.firstIndex(where: { $0.0 == time.form }) {
                if !groups[i].1.contains(time) { groups[i].1.append(time) }
            } else {
                groups.append((time.form, [time]))
            }
        }
        for (_, group) in groups {
            let value = group.map(\.valueText).joined(separator: ",")
            let property = ICalProperty(name, parameters: group[0].parameters, value: Array(value.utf8))
            if let index = at {
                entries.insert(.property(property), at: index)
                at = index + 1
            } else {
                append(property)
            }
        }
    }
}
