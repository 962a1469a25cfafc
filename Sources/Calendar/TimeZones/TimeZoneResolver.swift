import CRMCore

/// Resolves the TZIDs of a calendar object, in this order: (1) the VTIMEZONE of the same object, (2) a tz database
/// name, (3) a Windows zone name (CLDR windowsZones, territory 001), (4) a prefixed name whose tail is a tz database
/// name (`/mozilla.org/20050126_1/Europe/Berlin`, `/softwarestudio.org/Olson_20011030_5/America/New_York`).
/// An unknown TZID resolves to nil; the caller reads its times as floating and keeps the TZID.
/// Copies share a cache of what they resolved (tz files read, VTIMEZONEs expanded): keep one resolver for a run.
public struct TimeZoneResolver: Sendable {
    public let database: TimeZoneDatabase
    private let cache = TimeZoneCache()

    public init(database: TimeZoneDatabase = TimeZoneDatabase()) {
        self.database = database
    }

    /// Resolves `tzid` against the VTIMEZONEs of `calendar` (a VCALENDAR) and then by name.
    public func resolve(_ tzid: String, in calendar: ICalComponent?,
                        defects: inout [ICalDefect]) -> ResolvedTimeZone? {
        resolve(tzid, vtimezones: Self.vtimezones(of: calendar), defects: &defects)
    }

    /// Resolves `tzid` against VTIMEZONEs by TZID (see `vtimezones(of:)`) and then by name.
    public func resolve(_ tzid: String, vtimezones: [String: ICalComponent],
                        defects: inout [ICalDefect]) -> ResolvedTimeZone? {
        let byName = resolveName(tzid)
        if let vtimezone = vtimezones[tzid] {
            if let rules = cache.vtimezone(vtimezone, { VTimeZoneRules.rules(of: vtimezone, identifier: tzid) }) {
                return ResolvedTimeZone(tzid: tzid, olsonName: byName?.olsonName, rules: rules, source: .vtimezone)
            }
            defects.append(ICalDefect(.malformedTimeZone, line: vtimezone.line))
        }
        return byName
    }

    /// The VTIMEZONEs of a VCALENDAR by TZID (the first of each), looked up once for all the TZIDs of an object.
    public static func vtimezones(of calendar: ICalComponent?) -> [String: ICalComponent] {
        var result: [String: ICalComponent] = [:]
        for case .component(let c) in calendar?.entries ?? [] where c.name == "VTIMEZONE" {
            if let tzid = c.first("TZID")?.text, result[tzid] == nil { result[tzid] = c }
        }
        return result
    }

    /// Resolves `tzid` by name only: steps (2) to (4).
    public func resolveName(_ tzid: String) -> ResolvedTimeZone? {
        cache.name(tzid) { uncachedName(tzid) }
    }

    private func uncachedName(_ tzid: String) -> ResolvedTimeZone? {
        let name = tzid.trimmingASCIIWhitespace().trimmingCharacters(in: "\"'")
        if let rules = try? database.rules(for: name) {
            return ResolvedTimeZone(tzid: tzid, olsonName: name, rules: rules, source: .database)
        }
        if let olson = WindowsZones.olsonName(forWindowsName: name), let rules = try? database.rules(for: olson) {
            return ResolvedTimeZone(tzid: tzid, olsonName: olson, rules: rules, source: .windowsName)
        }
        // The longest tail of one to three path components that the tz database knows.
        let components = name.split(separator: "/", omittingEmptySubsequences: true)
        guard components.count > 1 || name.hasPrefix("/") else { return nil }
        for length in stride(from: min(3, components.count), through: 1, by: -1) {
            let tail = components.suffix(length).joined(separator: "/")
            guard tail != name, length > 1 || components.count > 1 else { continue }
            if let rules = try? database.rules(for: tail) {
                return ResolvedTimeZone(tzid: tzid, olsonName: tail, rules: rules, source: .prefixedName)
            }
        }
        return nil
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
