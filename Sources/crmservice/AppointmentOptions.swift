import ArgumentParser
import CRMCore
import CRMServiceApp

/// The options of `appointments add` and `update` (§9).
struct AppointmentOptions: ParsableArguments {
    static let timeHelp = """
        Times: with --all-day, dates YYYY-MM-DD (the end is the day after the last, as in iCalendar; an end equal \
        to the start is that one day). With --tz ZONE (a tz database name), local times YYYY-MM-DDTHH:MM[:SS] in \
        it. Without --tz, a time with Z or an offset is UTC, one without a floating time.
        """

    @Option(help: "The owner's user id (users.csv).") var owner: String?
    @Option(help: "The title.") var title: String?
    @Option(help: "The start (ISO 8601).") var start: String?
    @Option(help: "The end (ISO 8601).") var end: String?
    @Flag(help: "An all-day appointment: --start and --end are dates.") var allDay = false
    @Option(help: "The time zone of --start and --end (a tz database name, e.g. Europe/Berlin).") var tz: String?
    @Option(help: "Where.") var location: String?
    @Option(help: "The description.") var description: String?
    @Option(help: "An attendee's address (repeat for several).") var attendee: [String] = []
    @Option(help: "An iCalendar recurrence rule (RFC 5545 RRULE value), e.g. FREQ=WEEKLY;COUNT=10.") var rrule: String?

    /// The start, end and zone, or exit 2 naming the option.
    func times(start: String, end: String) throws -> (start: AppointmentTime, end: AppointmentTime, zone: String?) {
        do {
            return try AppointmentTimeInput().times(start: start, end: end, allDay: allDay, timeZone: tz,
                                                    fields: ("--start", "--end", "--tz"))
        } catch { throw CommandFailure.badInput(error.description) }
    }

    /// The `--attendee` addresses, nil when none was given.
    func attendeeAddresses() throws -> [EmailAddress]? {
        guard !attendee.isEmpty else { return nil }
        var addresses: [EmailAddress] = []
        for text in attendee {
            guard let address = EmailAddress(text) else {
                throw CommandFailure.badInput("--attendee: \"\(text)\" is not an e-mail address")
            }
            if !addresses.contains(address) { addresses.append(address) }
        }
        return addresses
    }

    /// `--rrule`: nil when not given, `.some(nil)` when empty (cleared); a value must name its FREQ (RFC 5545 §3.3.10).
    func checkedRRule() throws -> String?? {
        guard let rrule else { return nil }
        let text = rrule.trimmingASCIIWhitespace()
        if text.isEmpty { return .some(nil) }
        let parts = text.uppercased().split(separator: ";")
        guard parts.contains(where: { $0.hasPrefix("FREQ=") }),
              parts.allSatisfy({ $0.contains("=") && !$0.contains(" ") && !$0.contains(":") }) else {
            throw CommandFailure.badInput("--rrule: \"\(rrule)\" is not a recurrence rule (NAME=VALUE;…, with FREQ)")
        }
        return .some(text)
    }
}
