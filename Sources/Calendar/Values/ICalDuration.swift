/// A DURATION value (RFC 5545 §3.3.6): `P15DT5H0M20S`, `P7W`, `-PT15M`. Days and weeks are nominal (a day is a
/// calendar day, 23 or 25 hours across a DST change); hours, minutes and seconds are exact.
public struct ICalDuration: Sendable, Hashable {
    /// Nominal days (weeks count 7).
    public var days: Int
    /// Exact seconds.
    public var seconds: Int

    public init(days: Int = 0, seconds: Int = 0) {
        self.days = days
        self.seconds = seconds
    }

    /// Parses a DURATION; nil when it is not one.
    public static func parse(_ bytes: some Collection<UInt8>) -> ICalDuration? {
        var v = Array(bytes)[...]
        var sign = 1
        if v.first == 0x2B || v.first == 0x2D { sign = v.first == 0x2D ? -1 : 1; v = v.dropFirst() }
        guard v.first == 0x50 || v.first == 0x70 else { return nil }
        v = v.dropFirst()
        var days = 0, seconds = 0, inTime = false, number: Int?, sawPart = false
        for b in v {
            switch b {
            case 0x30...0x39:
                let n = (number ?? 0)
                guard n < 100_000_000 else { return nil }
                number = n * 10 + Int(b - 0x30)
            case 0x54, 0x74:
                guard !inTime, number == nil else { return nil }
                inTime = true
            default:
                guard let n = number else { return nil }
                switch (b | 0x20, inTime) {
                case (0x77, false): days += 7 * n
                case (0x64, false): days += n
                case (0x68, true): seconds += 3600 * n
                case (0x6D, true): seconds += 60 * n
                case (0x73, true): seconds += n
                default: return nil
                }
                number = nil
                sawPart = true
            }
        }
        guard sawPart, number == nil else { return nil }
        return ICalDuration(days: sign * days, seconds: sign * seconds)
    }
}
