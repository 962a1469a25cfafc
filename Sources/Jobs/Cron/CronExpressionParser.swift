/// Parses the text of a cron expression into a `CronExpression` (§7): `*`, lists, ranges, steps (`*/15`,
/// `1-30/5`, and `5/10` meaning `5-max/10`), month names JAN–DEC and day names SUN–SAT in any case, day-of-week 0–7.
enum CronExpressionParser {
    static func parse(_ text: String) throws(CronParseError) -> CronExpression {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard fields.count == 5 else {
            throw CronParseError(field: nil, token: text, reason: .wrongFieldCount(fields.count))
        }
        var bits = [UInt64](repeating: 0, count: 5)
        var normalised: [String] = []
        for field in CronField.allCases {
            let source = fields[field.rawValue]
            bits[field.rawValue] = try parseField(source, field)
            normalised.append(render(source: source, bits: bits[field.rawValue], field: field))
        }
        // Day-of-week 7 is Sunday.
        var dow = bits[CronField.dayOfWeek.rawValue]
        if dow & (1 << 7) != 0 { dow = (dow & ~(1 << 7)) | 1 }
        let hourText = fields[CronField.hour.rawValue]
        return CronExpression(
            minutes: bits[0], hours: UInt32(bits[1]), daysOfMonth: UInt32(bits[2]), months: UInt16(bits[3]),
            daysOfWeek: UInt8(dow),
            dayOfMonthIsStar: fields[CronField.dayOfMonth.rawValue].hasPrefix("*"),
            dayOfWeekIsStar: fields[CronField.dayOfWeek.rawValue].hasPrefix("*"),
            hourIsWildcard: hourText == "*" || (hourText.hasPrefix("*/") && !hourText.contains(",")),
            description: normalised.joined(separator: " "))
    }

    /// One field: a comma-separated list of items.
    static func parseField(_ text: String, _ field: CronField) throws(CronParseError) -> UInt64 {
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            do {
                bits |= try parseItem(String(item), field)
            } catch where error.reason == .empty {
                throw CronParseError(field: field, token: text, reason: .empty) // the whole field says where
            }
        }
        return bits
    }

    /// One item: `*`, `N`, `A-B`, each optionally followed by `/STEP`; `N/STEP` runs from N to the field's maximum.
    static func parseItem(_ item: String, _ field: CronField) throws(CronParseError) -> UInt64 {
        guard !item.isEmpty else { throw CronParseError(field: field, token: item, reason: .empty) }
        let parts = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let rangeText = String(parts[0])
        var step = 1
        if parts.count == 2 {
            let span = field.range.upperBound - field.range.lowerBound + 1
            guard let s = Int(parts[1]), parts[1].allSatisfy(\.isASCII), s >= 1, s <= span else {
                throw CronParseError(field: field, token: item, reason: .badStep)
            }
            step = s
        }
        var low: Int, high: Int
        if rangeText == "*" {
            // Day-of-week `*` is 0-7 as in Vixie cron; 7 folds into Sunday afterwards.
            (low, high) = (field.range.lowerBound, field.range.upperBound)
        } else if let dash = rangeText.firstIndex(of: "-") {
            let a = String(rangeText[..<dash]), b = String(rangeText[rangeText.index(after: dash)...])
            low = try value(a, field)
            high = try value(b, field)
            // `FRI-SUN`: Sunday named at the end of a range is day 7.
            if field == .dayOfWeek, high == 0, low > 0, b.uppercased() == "SUN" { high = 7 }
            guard low <= high else { throw CronParseError(field: field, token: rangeText, reason: .reversedRange) }
        } else {
            low = try value(rangeText, field)
            high = parts.count == 2 ? field.range.upperBound : low
        }
        var bits: UInt64 = 0
        var v = low
        while v <= high {
            bits |= 1 << UInt64(v)
            v += step
        }
        return bits
    }

    /// A number in the field's range, or a name the field accepts.
    static func value(_ token: String, _ field: CronField) throws(CronParseError) -> Int {
        guard !token.isEmpty else { throw CronParseError(field: field, token: token, reason: .empty) }
        let n: Int
        if token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), token.utf8.count <= 9, let parsed = Int(token) {
            n = parsed
        } else if let named = field.names[token.uppercased()] {
            return named
        } else if token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            throw CronParseError(field: field, token: token, reason: .outOfRange(field.range))
        } else {
            throw CronParseError(field: field, token: token, reason: .notANumber)
        }
        guard field.range.contains(n) else {
            throw CronParseError(field: field, token: token, reason: .outOfRange(field.range))
        }
        return n
    }

    /// The normalised text of a field: `*`-fields as written (they carry the Vixie meaning), others as sorted
    /// numeric ranges (`MON-FRI` → `1-5`).
    static func render(source: String, bits: UInt64, field: CronField) -> String {
        if source.hasPrefix("*") && !source.contains(",") { return source }
        var values: [Int] = []
        for v in field.range where bits & (1 << UInt64(v)) != 0 { values.append(v) }
        if field == .dayOfWeek, values.contains(7) {
            values.removeAll { $0 == 7 }
            if !values.contains(0) { values.insert(0, at: 0) }
        }
        var parts: [String] = []
        var i = 0
        while i < values.count {
            var j = i
            while j + 1 < values.count && values[j + 1] == values[j] + 1 { j += 1 }
            parts.append(j == i ? "\(values[i])" : (j == i + 1 ? "\(values[i]),\(values[j])" : "\(values[i])-\(values[j])"))
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}
