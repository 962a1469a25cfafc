import Foundation

/// The dates mail clients write into an inline forward block, in the forwarding user's locale (§11):
/// "Monday, December 1, 2026 10:15 AM", "Montag, 1. Dezember 2026 10:15", "maandag 1 december 2026 10:15",
/// "lundi 1 décembre 2026 10:15", "Mon, Dec 1, 2026 at 10:15 AM", "Mo., 1. Dez. 2026 um 10:15 Uhr",
/// "lun. 1 déc. 2026 à 10:15", "1 December 2026 at 10:15:00 CET", "Mon, 1 Dec 2026 10:15:00 +0100", "01.12.2026 10:15".
///
/// Tokens, not a grammar: day names and filler words ("at", "um", "om", "à", "Uhr") are skipped, month names of
/// English, German, Dutch and French in full or abbreviated; the last month word wins (French "mar." is Tuesday
/// before the month). Such dates rarely name a zone: they are the local time of the client that wrote the block,
/// which is the client that sent the forward, so the forward's own `Date` offset is taken. nil when day, month,
/// year, hour or minute is missing or out of range, or when a numeric date is ambiguous (`1/12/2026`).
enum ForwardDateParser {
    static func parse(_ text: String, defaultOffsetMinutes: Int) -> Date? {
        var fields = Fields()
        for token in tokens(text) { fields.read(token) }
        return fields.date(defaultOffsetMinutes: defaultOffsetMinutes)
    }

    /// The numeric zone (`+0100`) of an RFC 5322 `Date` value, in minutes east of UTC; 0 when it names none.
    static func offsetMinutes(ofHeaderValue value: String) -> Int {
        for token in tokens(value).reversed() {
            if let offset = Fields.numericZone(token) { return offset }
        }
        return 0
    }

    private static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == "(" || $0 == ")" }).map(String.init)
    }

    private struct Fields {
        var day: Int?, month: Int?, year: Int?, hour: Int?, minute: Int?, second = 0
        var meridiem: Bool?  // true: PM
        var offset: Int?
        var ambiguous = false

        mutating func read(_ token: String) {
            let lower = token.lowercased()
            if let zone = Self.numericZone(lower) { offset = zone; return }
            if lower.contains(":") { readTime(lower); return }
            if lower.first?.isNumber == true { readNumber(lower); return }
            let word = lower.trimmingCharacters(in: CharacterSet(charactersIn: "."))
            if let m = Self.months[word] { month = m; return }
            switch word {
            case "am", "a.m", "vorm": meridiem = false
            case "pm", "p.m", "nachm": meridiem = true
            default:
                if let zone = Self.zones[word] { offset = zone }
                else if word.hasPrefix("utc") || word.hasPrefix("gmt"), let zone = Self.hourZone(word.dropFirst(3)) {
                    offset = zone
                }
            }
        }

        private mutating func readTime(_ token: String) {
            let parts = token.split(separator: ":").map { Int($0.prefix { $0.isNumber }) }
            guard parts.count >= 2, let h = parts[0], let m = parts[1] else { return }
            hour = h; minute = m
            if parts.count >= 3, let s = parts[2] { second = s }
        }

        private mutating func readNumber(_ token: String) {
            let separators = CharacterSet(charactersIn: "./-")
            let parts = token.components(separatedBy: separators).filter { !$0.isEmpty }
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == parts.count else { return }
            if numbers.count == 3 {
                if token.contains("-"), parts[0].count == 4 { (year, month, day) = (numbers[0], numbers[1], numbers[2]) }
                else if token.contains(".") { (day, month, year) = (numbers[0], numbers[1], numbers[2]) }
                else if numbers[0] > 12 { (day, month, year) = (numbers[0], numbers[1], numbers[2]) }
                else if numbers[1] > 12 { (month, day, year) = (numbers[0], numbers[1], numbers[2]) }
                else { ambiguous = true }
            } else if numbers.count == 1 {
                if parts[0].count == 4 { year = numbers[0] } else if day == nil { day = numbers[0] }
            }
        }

        func date(defaultOffsetMinutes: Int) -> Date? {
            guard !ambiguous, let day, let month, let year, var hour, let minute,
                  (1...12).contains(month), (1...31).contains(day), (1900...9999).contains(year),
                  (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
            if let pm = meridiem {
                guard (1...12).contains(hour) else { return nil }
                if pm, hour < 12 { hour += 12 } else if !pm, hour == 12 { hour = 0 }
            }
            let days = Self.daysFromCivil(year: year, month: month, day: day)
            let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
            return Date(timeIntervalSince1970: TimeInterval(local - Int64((offset ?? defaultOffsetMinutes) * 60)))
        }

        /// `+0100`, `-05:00`: minutes east of UTC.
        static func numericZone(_ token: String) -> Int? {
            guard let sign = token.first, sign == "+" || sign == "-" else { return nil }
            let digits = token.dropFirst().filter { $0 != ":" }
            guard digits.count == 4, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
            let minutes = value / 100 * 60 + value % 100
            return sign == "-" ? -minutes : minutes
        }

        /// `+1`, `-5`, `+01:00` after `UTC`/`GMT` (Apple Mail: "UTC+1").
        static func hourZone(_ rest: Substring) -> Int? {
            guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
            let parts = rest.dropFirst().split(separator: ":")
            guard let h = parts.first.flatMap({ Int($0) }), h <= 14 else { return nil }
            let m = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            return (sign == "-" ? -1 : 1) * (h * 60 + m)
        }

        /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
        static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }

        static let zones: [String: Int] = [
            "utc": 0, "gmt": 0, "z": 0, "wet": 0, "west": 60, "bst": 60, "cet": 60, "met": 60, "mez": 60,
            "cest": 120, "mest": 120, "mesz": 120, "eet": 120, "eest": 180,
            "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
        ]

        static let months: [String: Int] = {
            let names: [[String]] = [
                ["jan", "january", "januar", "januari", "janvier", "janv", "jän", "jänner"],
                ["feb", "february", "februar", "februari", "février", "févr", "fevrier", "fevr"],
                ["mar", "march", "märz", "mär", "maart", "mrt", "mars", "maerz"],
                ["apr", "april", "avril", "avr"],
                ["may", "mai", "mei"],
                ["jun", "june", "juni", "juin"],
                ["jul", "july", "juli", "juillet", "juil"],
                ["aug", "august", "augustus", "août", "aout"],
                ["sep", "sept", "september", "septembre"],
                ["oct", "october", "oktober", "okt", "octobre"],
                ["nov", "november", "novembre"],
                ["dec", "december", "dezember", "dez", "décembre", "déc", "decembre"],
            ]
            var table: [String: Int] = [:]
            for (index, words) in names.enumerated() { for word in words { table[word] = index + 1 } }
            return table
        }()
    }
}
