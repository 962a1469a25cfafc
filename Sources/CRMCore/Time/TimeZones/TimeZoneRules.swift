/// The UTC offsets of one time zone over time: the transitions of its TZif table and, past the table, the POSIX
/// rule of its footer. All arithmetic is on seconds since the epoch; no Foundation `TimeZone` or `Calendar`.
public struct TimeZoneRules: Sendable, Hashable {
    /// The zone's name in the tz database (`Europe/Berlin`), or `UTC`.
    public let identifier: String
    /// Instants (UTC seconds, ascending) where the offset may change.
    let transitionTimes: [Int64]
    /// The offset east of UTC in force from each transition on.
    let transitionOffsets: [Int32]
    /// The offset before the first transition (time type 0, RFC 8536 §3.2).
    let initialOffset: Int32
    /// The rule after the last transition, if the file has one.
    let footer: POSIXTimeZoneRule?

    init(identifier: String, transitionTimes: [Int64], transitionOffsets: [Int32], initialOffset: Int32,
         footer: POSIXTimeZoneRule?) {
        self.identifier = identifier
        self.transitionTimes = transitionTimes
        self.transitionOffsets = transitionOffsets
        self.initialOffset = initialOffset
        self.footer = footer
    }

    /// Coordinated Universal Time: offset zero, no transitions.
    public static let utc = TimeZoneRules(identifier: "UTC", transitionTimes: [], transitionOffsets: [],
                                          initialOffset: 0, footer: POSIXTimeZoneRule(standardOffset: 0))

    /// A zone that is always at offset zero (UTC, Etc/UTC, Zulu…): its times print with `Z`.
    public var isUTC: Bool {
        initialOffset == 0 && transitionOffsets.allSatisfy { $0 == 0 }
            && (footer.map { $0.standardOffset == 0 && $0.daylightSaving == nil } ?? true)
    }

    /// The offset east of UTC in seconds at the instant `t` (UTC seconds since the epoch).
    public func offset(at t: Int64) -> Int32 {
        guard let i = lastTransitionIndex(atOrBefore: t) else {
            if transitionTimes.isEmpty, let footer { return footer.offset(at: t) }
            return initialOffset
        }
        if i == transitionTimes.count - 1, let footer { return footer.offset(at: t) }
        return transitionOffsets[i]
    }

    /// The first instant after `t` where the offset may change; nil if it never changes again.
    public func nextTransition(after t: Int64) -> Int64? {
        let i = lastTransitionIndex(atOrBefore: t)
        let next = (i ?? -1) + 1
        if next < transitionTimes.count { return transitionTimes[next] }
        return footer?.nextTransition(after: max(t, transitionTimes.last ?? t))
    }

    /// The instant (UTC) of a wall-clock time in this zone. A time that occurs twice means its first occurrence;
    /// one that does not exist (a spring-forward gap) means the end of the gap, the instant the clocks jumped.
    public func instant(ofLocal local: Int64) -> Int64 {
        // Offsets that can be in force near `local`: those at the transitions within two days of it.
        let windowStart = local - 2 * 86_400
        var offsets: Set<Int32> = [offset(at: windowStart)]
        var transitions: [Int64] = []
        var t = windowStart
        while let next = nextTransition(after: t), next <= local + 2 * 86_400 {
            transitions.append(next)
            offsets.insert(offset(at: next))
            t = next
        }
        let candidates = offsets.map { local - Int64($0) }.filter { offset(at: $0) == Int32(local - $0) }
        if let first = candidates.min() { return first }
        for transition in transitions {
            let before = Int64(offset(at: transition - 1)), after = Int64(offset(at: transition))
            if local >= transition + before && local < transition + after { return transition }
        }
        return local - Int64(offset(at: local))
    }

    private func lastTransitionIndex(atOrBefore t: Int64) -> Int? {
        var low = 0, high = transitionTimes.count
        while low < high {
            let mid = (low + high) / 2
            if transitionTimes[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }
}
