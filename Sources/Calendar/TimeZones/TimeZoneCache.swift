import CRMCore
import Synchronization

/// What a `TimeZoneResolver` has already worked out, shared by its copies: tz database files read and VTIMEZONEs
/// expanded, so that a sync over thousands of resources that use the same zones does that work once. Bounded: it
/// starts afresh when full.
final class TimeZoneCache: Sendable {
    private struct State {
        var names: [String: ResolvedTimeZone?] = [:]
        var vtimezones: [ICalComponent: TimeZoneRules?] = [:]
    }

    private let state = Mutex(State())
    static let capacity = 512

    func name(_ tzid: String, _ resolve: () -> ResolvedTimeZone?) -> ResolvedTimeZone? {
        if let known = state.withLock({ $0.names[tzid] }) { return known }
        let resolved = resolve()
        state.withLock { state in
            if state.names.count >= Self.capacity { state.names = [:] }
            state.names[tzid] = .some(resolved)
        }
        return resolved
    }

    func vtimezone(_ component: ICalComponent, _ expand: () -> TimeZoneRules?) -> TimeZoneRules? {
        if let known = state.withLock({ $0.vtimezones[component] }) { return known }
        let rules = expand()
        state.withLock { state in
            if state.vtimezones.count >= Self.capacity { state.vtimezones = [:] }
            state.vtimezones[component] = .some(rules)
        }
        return rules
    }
}
