import CRMServiceApp
/// The events of §9's test list, as a calendar program writes them (LF here; sent with CRLF).
enum ServerFixtures {
    static let simple = SyncFixture.event("simple@test", summary: "Review with Carl",
                                          extra: "ORGANIZER:mailto:anna@example.com\nATTENDEE;CN=Carl;PARTSTAT=ACCEPTED:mailto:Carl@ACME.test")

    static let allDay = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//Calendar//EN
        BEGIN:VEVENT
        UID:allday@test
        DTSTAMP:20260101T000000Z
        DTSTART;VALUE=DATE:20260110
        DTEND;VALUE=DATE:20260111
        SUMMARY:Trade fair
        END:VEVENT
        END:VCALENDAR

        """

    static let weekly = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//Calendar//EN
        BEGIN:VEVENT
        UID:weekly@test
        DTSTAMP:20260101T000000Z
        DTSTART:20260105T080000Z
        DTEND:20260105T083000Z
        RRULE:FREQ=WEEKLY;COUNT=6
        EXDATE:20260112T080000Z
        SUMMARY:Stand-up
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly@test
        DTSTAMP:20260101T000000Z
        RECURRENCE-ID:20260119T080000Z
        DTSTART:20260119T100000Z
        DTEND:20260119T103000Z
        SUMMARY:Stand-up (moved)
        END:VEVENT
        END:VCALENDAR

        """

    static let newYork = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//Calendar//EN
        BEGIN:VTIMEZONE
        TZID:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        TZNAME:EDT
        DTSTART:19700308T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        TZNAME:EST
        DTSTART:19701101T020000
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:newyork@test
        DTSTAMP:20260101T000000Z
        DTSTART;TZID=America/New_York:20260302T090000
        DTEND;TZID=America/New_York:20260302T100000
        SUMMARY:Call New York
        END:VEVENT
        END:VCALENDAR

        """

    static let alarm = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//Calendar//EN
        BEGIN:VEVENT
        UID:alarm@test
        DTSTAMP:20260101T000000Z
        DTSTART:20260106T140000Z
        DTEND:20260106T150000Z
        SUMMARY:Dentist
        X-CRM-TEST-FLAG:keep me
        CATEGORIES:private
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:Reminder
        TRIGGER:-PT15M
        END:VALARM
        END:VEVENT
        END:VCALENDAR

        """

    static let all = [("simple@test", simple), ("allday@test", allDay), ("weekly@test", weekly),
                      ("newyork@test", newYork), ("alarm@test", alarm)]
}
