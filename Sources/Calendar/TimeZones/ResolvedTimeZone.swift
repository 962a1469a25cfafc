import CRMCore

/// What a TZID stands for: the rules that turn its local times into instants, and the tz database name when one is
/// known (what the CRM stores as the appointment's time zone).
public struct ResolvedTimeZone: Sendable, Hashable {
    /// How the TZID was resolved, in the order they are tried.
    public enum Source: String, Sendable, Hashable {
        /// The VTIMEZONE of the same object.
        case vtimezone
        /// A tz database name (`Europe/Berlin`).
        case database
        /// A Windows zone name (`W. Europe Standard Time`), through CLDR's windowsZones (territory 001).
        case windowsName
        /// A prefixed or decorated name (`/mozilla.org/20050126_1/Europe/Berlin`) whose tail is a tz database name.
        case prefixedName
    }

    /// The TZID as written.
    public var tzid: String
    /// The tz database name, when the TZID names one directly, through Windows or through a prefix.
    public var olsonName: String?
    public var rules: TimeZoneRules
    public var source: Source
}
