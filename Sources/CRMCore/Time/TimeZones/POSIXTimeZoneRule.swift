/// The POSIX TZ string of a TZif footer (RFC 8536 §3.3, POSIX.1-2017 §8.3), e.g. `CET-1CEST,M3.5.0,M10.5.0/3`:
/// the rule for instants after the last transition of the table.
struct POSIXTimeZoneRule: Sendable, Hashable {
    /// A day of the year in the TZ string's three forms.
    enum Day: Sendable, Hashable {
        /// `Jn`: day 1…365, February 29 never counted.
        case julianSkippingLeap(Int)
        /// `n`: day 0…365, February 29 counted in leap years.
        case zeroBased(Int)
        /// `Mm.w.d`: weekday d (0 = Sunday) of week w (1…5, 5 = last) of month m.
        case monthWeekDay(month: Int, week: Int, weekday: Int)

        /// Days since 1970-01-01 of this day in `year`.
        func days(in year: Int) -> Int64 {
            switch self {
            case .julianSkippingLeap(let n):
                let base = CivilTime.days(year: year, month: 1, day: 1) + Int64(n - 1)
                return CivilTime.isLeapYear(year) && n >= 60 ? base + 1 : base
            case .zeroBased(let n):
                return CivilTime.days(year: year, month: 1, day: 1) + Int64(n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = CivilTime.days(year: year, month: month, day: 1)
                var day = 1 + (weekday - CivilTime.weekday(days: first) + 7) % 7 + (week - 1) * 7
                let length = CivilTime.daysInMonth(year: year, month: month)
                while day > length { day -= 7 }
                return first + Int64(day - 1)
            }
        }
    }

    /// Daylight saving time: its offset and when it starts and ends (local times in seconds after midnight).
    struct DaylightSaving: Sendable, Hashable {
        var offset: Int32
        var start: Day
        var startTime: Int32
        var end: Day
        var endTime: Int32
    }

    /// Seconds east of UTC of standard time.
    var standardOffset: Int32
    var daylightSaving: DaylightSaving?

    /// The offset east of UTC at `t` (seconds since the epoch, UTC).
    func offset(at t: Int64) -> Int32 {
        guard daylightSaving != nil else { return standardOffset }
        let year = CivilTime(seconds: t + Int64(standardOffset)).year
        var current = standardOffset
        for (time, offset) in transitions(years: (year - 1)...(year + 1)) where time <= t { current = offset }
        return current
    }

    /// The first instant after `t` where the rule changes the offset (or says it does), if the rule has DST.
    func nextTransition(after t: Int64) -> Int64? {
        guard daylightSaving != nil else { return nil }
        let year = CivilTime(seconds: t + Int64(standardOffset)).year
        return transitions(years: (year - 1)...(year + 2)).first { $0.time > t }?.time
    }

    /// Transitions of the given years in order, each with the offset it starts. At equal instants the end of DST
    /// comes first, so that all-year DST (`…,0/0,J365/25`) stays in DST.
    func transitions(years: ClosedRange<Int>) -> [(time: Int64, offset: Int32)] {
        guard let dst = daylightSaving else { return [] }
        var list: [(time: Int64, offset: Int32, order: Int)] = []
        for year in years {
            let start = dst.start.days(in: year) * 86_400 + Int64(dst.startTime) - Int64(standardOffset)
            let end = dst.end.days(in: year) * 86_400 + Int64(dst.endTime) - Int64(dst.offset)
            list.append((start, dst.offset, 1))
            list.append((end, standardOffset, 0))
        }
        list.sort { ($0.time, $0.order) < ($1.time, $1.order) }
        return list.map { ($0.time, $0.offset) }
    }
}

extension POSIXTimeZoneRule {
    /// Parses a TZ string; nil when it is not one this reader understands.
    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.name(), let std = scanner.time(signed: true) else { return nil }
        standardOffset = Int32(-std)
        guard !scanner.atEnd else { daylightSaving = nil; return }
        guard scanner.name() else { return nil }
        var dstOffset = standardOffset + 3600
        if !scanner.atEnd && scanner.peek != UInt8(ascii: ",") {
            guard let value = scanner.time(signed: true) else { return nil }
            dstOffset = Int32(-value)
        }
        var start = Day.monthWeekDay(month: 3, week: 2, weekday: 0), end = Day.monthWeekDay(month: 11, week: 1, weekday: 0)
        var startTime: Int32 = 7200, endTime: Int32 = 7200
        if scanner.eat(UInt8(ascii: ",")) {
            guard let s = scanner.day() else { return nil }
            start = s
            if scanner.eat(UInt8(ascii: "/")) { guard let t = scanner.time(signed: true) else { return nil }; startTime = Int32(t) }
            guard scanner.eat(UInt8(ascii: ",")), let e = scanner.day() else { return nil }
            end = e
            if scanner.eat(UInt8(ascii: "/")) { guard let t = scanner.time(signed: true) else { return nil }; endTime = Int32(t) }
        }
        guard scanner.atEnd else { return nil }
        daylightSaving = DaylightSaving(offset: dstOffset, start: start, startTime: startTime, end: end, endTime: endTime)
    }

    /// A cursor over the bytes of a TZ string.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func eat(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// A zone abbreviation: three or more letters, or `<…>` quoted (may hold digits and signs).
        mutating func name() -> Bool {
            if eat(UInt8(ascii: "<")) {
                while let b = peek, b != UInt8(ascii: ">") { index += 1 }
                return eat(UInt8(ascii: ">"))
            }
            let begin = index
            while let b = peek, (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") { index += 1 }
            return index - begin >= 3
        }

        mutating func number() -> Int? {
            var value = 0, digits = 0
            while let b = peek, b >= 0x30 && b <= 0x39, digits < 6 {
                value = value * 10 + Int(b - 0x30); index += 1; digits += 1
            }
            return digits == 0 ? nil : value
        }

        /// `[+-]hh[:mm[:ss]]` in seconds.
        mutating func time(signed: Bool) -> Int? {
            var sign = 1
            if signed {
                if eat(UInt8(ascii: "-")) { sign = -1 } else { _ = eat(UInt8(ascii: "+")) }
            }
            guard let h = number(), h <= 167 else { return nil }
            var seconds = h * 3600
            if eat(UInt8(ascii: ":")) {
                guard let m = number(), m < 60 else { return nil }
                seconds += m * 60
                if eat(UInt8(ascii: ":")) {
                    guard let s = number(), s < 60 else { return nil }
                    seconds += s
                }
            }
            return sign * seconds
        }

        mutating func day() -> Day? {
            if eat(UInt8(ascii: "J")) {
                guard let n = number(), (1...365).contains(n) else { return nil }
                return .julianSkippingLeap(n)
            }
            if eat(UInt8(ascii: "M")) {
                guard let m = number(), (1...12).contains(m), eat(UInt8(ascii: ".")),
                      let w = number(), (1...5).contains(w), eat(UInt8(ascii: ".")),
                      let d = number(), (0...6).contains(d) else { return nil }
                return .monthWeekDay(month: m, week: w, weekday: d)
            }
            guard let n = number(), (0...365).contains(n) else { return nil }
            return .zeroBased(n)
        }
    }
}
