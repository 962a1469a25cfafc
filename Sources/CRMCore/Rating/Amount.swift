/// An exact decimal amount: `units × 10^-scale` in a 128-bit integer. Money never touches binary floating point.
///
/// Parsing accepts `-?[0-9]+(\.[0-9]+)?` with at most `maxParsedScale` decimals. Arithmetic is exact; an overflow
/// (beyond about 1.7 × 10^38 units of the finest scale) is reported as `nil` by the checked operations.
public struct Amount: Hashable, Sendable, CustomStringConvertible {
    public private(set) var units: Int128
    public private(set) var scale: Int

    /// The most decimals accepted in a CSV value or rate.
    public static let maxParsedScale = 12
    public static let zero = Amount(units: 0, scale: 0)

    public init(units: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= 38)
        self.units = units
        self.scale = scale
    }

    public init(wholeUnits: Int64) { self.init(units: Int128(wholeUnits), scale: 0) }

    /// Parses a decimal with `.` (§3); `nil` when the text is not one.
    public init?(_ text: String) {
        var text = text
        guard let parsed = text.withUTF8({ Amount.parse($0) }) else { return nil }
        self = parsed
    }

    /// Parses the UTF-8 bytes of a decimal with `.`; `nil` when they are not one.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Amount? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == 0x2D { negative = true; i += 1 }
        var units: Int128 = 0
        var significant = 0 // digits after leading zeros; 38 always fit in Int128
        while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
            units = units * 10 + Int128(bytes[i] - 0x30)
            if units != 0 { significant += 1 }
            guard significant <= 38 - maxParsedScale else { return nil }
            i += 1
        }
        guard i > (negative ? 1 : 0) else { return nil }
        var scale = 0
        if i < n, bytes[i] == 0x2E {
            i += 1
            let start = i
            while i < n, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                guard scale < maxParsedScale else { return nil }
                units = units * 10 + Int128(bytes[i] - 0x30)
                scale += 1
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i == n else { return nil }
        return Amount(units: negative ? -units : units, scale: scale)
    }

    /// The value at `scale` decimals (`scale` ≥ self.scale), `nil` on overflow.
    public func rescaled(to newScale: Int) -> Amount? {
        guard newScale >= scale else { return nil }
        var u = units
        for _ in 0..<(newScale - scale) {
            let (m, o) = u.multipliedReportingOverflow(by: 10)
            if o { return nil }
            u = m
        }
        return Amount(units: u, scale: newScale)
    }

    /// The exact sum, `nil` on overflow.
    public func adding(_ other: Amount) -> Amount? {
        let s = max(scale, other.scale)
        guard let a = rescaled(to: s), let b = other.rescaled(to: s) else { return nil }
        let (r, o) = a.units.addingReportingOverflow(b.units)
        return o ? nil : Amount(units: r, scale: s)
    }

    /// The exact product, `nil` on overflow; trailing zeros are dropped to keep the scale small.
    public func multiplied(by other: Amount) -> Amount? {
        let (r, o) = units.multipliedReportingOverflow(by: other.units)
        guard !o, scale + other.scale <= 38 else { return nil }
        return Amount(units: r, scale: scale + other.scale).normalized()
    }

    /// The same value with trailing decimal zeros removed.
    public func normalized() -> Amount {
        var u = units, s = scale
        while s > 0, u % 10 == 0 { u /= 10; s -= 1 }
        return Amount(units: u, scale: s)
    }

    /// Rounded half up to whole units (halves go away from zero: 2.5 → 3, −2.5 → −3).
    public func roundedToWholeUnits() -> Int128 {
        guard scale > 0 else { return units }
        var divisor: Int128 = 1
        for _ in 0..<scale { divisor *= 10 }
        let q = units / divisor
        let r = units % divisor
        let twice = r.magnitude * 2
        if twice >= divisor.magnitude { return units < 0 ? q - 1 : q + 1 }
        return q
    }

    /// The decimal text, `.` before the `scale` last digits (`-12.50`).
    public var description: String {
        let digits = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = digits.count <= scale ? String(repeating: "0", count: scale - digits.count + 1) + digits : digits
        let cut = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<cut] + "." + padded[cut...]
    }

    public static func == (a: Amount, b: Amount) -> Bool {
        let s = max(a.scale, b.scale)
        guard let x = a.rescaled(to: s), let y = b.rescaled(to: s) else { return false }
        return x.units == y.units
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized()
        hasher.combine(n.units)
        hasher.combine(n.scale)
    }
}

/// A sum of amounts too large to compute exactly (beyond about 10^38 of the finest unit).
public struct AmountOverflow: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "a sum of contract values is too large to compute exactly" }
}
