/// The token reader behind `DateParser`.
struct DateTokens {
    private let raw: ArraySlice<UInt8>
    private var i: Int

    init(raw: ArraySlice<UInt8>) {
        self.raw = raw
        self.i = raw.startIndex
    }

    private var end: Int { raw.endIndex }

    private mutating func number(maxDigits: Int = 9) -> (value: Int, digits: Int)? {
        var value = 0, digits = 0
        while i < end, ASCII.isDigit(raw[i]) {
            if digits < maxDigits { value = value * 10 + Int(raw[i] - 0x30) }
            digits += 1
            i += 1
        }
        return digits == 0 ? nil : (value, digits)
    }

    /// ±hhmm, ±hh:mm or ±hh at `i` (the sign included), in minutes east of UTC.
    private mutating func numericZone() -> Int? {
        guard i < end, raw[i] == 0x2B || raw[i] == 0x2D else { return nil }
        let negative = raw[i] == 0x2D
        let save = i
        i += 1
        guard let first = number() else { i = save; return nil }
        var hours = 0, minutes = 0
        if first.digits == 4 || first.digits == 3 {
            hours = first.value / 100; minutes = first.value % 100
        } else if first.digits <= 2 {
            hours = first.value
            if i + 1 < end, raw[i] == ASCII.colon, let m = number(after: 1) { minutes = m }
        } else {
            return 0
        }
        guard hours <= 23, minutes <= 59 else { return 0 }
        return (negative ? -1 : 1) * (hours * 60 + minutes)
    }

    private mutating func number(after skip: Int) -> Int? {
        let save = i
        i += skip
        guard let n = number() else { i = save; return nil }
        return n.value
    }

    /// `YYYY-MM-DD[(T| )hh:mm[:ss][.fff]][Z|±hh[:]mm|zone]`, or nil (and the position untouched).
    mutating func iso8601() -> Int64? {
        while i < end, ASCII.isBlank(raw[i]) { i += 1 }
        let save = i
        guard let year = number(), year.digits == 4, i < end, raw[i] == 0x2D,
              let month = number(after: 1), i < end, raw[i] == 0x2D, let day = number(after: 1) else {
            i = save
            return nil
        }
        var hour = 0, minute = 0, second = 0, offset = 0
        if i < end, raw[i] == 0x54 || raw[i] == 0x74 || raw[i] == ASCII.space {
            i += 1
            if let h = number(), i < end, raw[i] == ASCII.colon, let m = number(after: 1) {
                hour = h.value; minute = m
                if i < end, raw[i] == ASCII.colon, let s = number(after: 1) { second = s }
                if i < end, raw[i] == ASCII.dot { i += 1; _ = number() }
                while i < end, raw[i] == ASCII.space { i += 1 }
                if let z = numericZone() {
                    offset = z
                } else if i < end, ASCII.isAlpha(raw[i]) {
                    offset = DateParser.zoneOffsetMinutes(alphaRun())
                }
            }
        }
        return DateParser.compose(year: year.value, month: month, day: day, hour: hour, minute: minute,
                                  second: second, offsetMinutes: offset)
    }

    private mutating func alphaRun() -> [UInt8] {
        var word: [UInt8] = []
        while i < end, ASCII.isAlpha(raw[i]) {
            if word.count < 12 { word.append(ASCII.lower(raw[i])) }
            i += 1
        }
        return word
    }

    private static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                            "nov", "dec"].map { Array($0.utf8) }
    private static let days: [[UInt8]] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { Array($0.utf8) }

    /// RFC 5322 §3.3:  date-time = [ day-of-week "," ] date time [CFWS]
    ///                 date = day month year ; time = time-of-day zone ; time-of-day = hour ":" minute [ ":" second ]
    /// §4.3 obs-date-time allows CFWS everywhere, two/three-digit years and the obsolete zones.
    mutating func rfc5322() -> Int64? {
        var numbers: [(value: Int, digits: Int)] = []
        var month: Int?
        var time: (h: Int, m: Int, s: Int)?
        var offset: Int?
        while i < end {
            let b = raw[i]
            if ASCII.isDigit(b) {
                guard let n = number() else { break }
                if time == nil, i < end, raw[i] == ASCII.colon, let m = number(after: 1) {
                    var s = 0
                    if i < end, raw[i] == ASCII.colon, let sec = number(after: 1) { s = sec }
                    if i < end, raw[i] == ASCII.dot { i += 1; _ = number() }
                    time = (n.value, m, s)
                } else if numbers.count < 8 {
                    numbers.append(n)
                }
            } else if b == 0x2B || b == 0x2D, time != nil, offset == nil, let z = numericZone() {
                offset = z
            } else if ASCII.isAlpha(b) {
                let word = alphaRun()
                let prefix = Array(word.prefix(3))
                if month == nil, word.count >= 3, let m = Self.months.firstIndex(of: prefix) {
                    month = m + 1
                } else if word.count >= 3, Self.days.contains(prefix) {
                    continue
                } else if let t = time, word == [0x70, 0x6D] || word == [0x61, 0x6D] {
                    let pm = word[0] == 0x70
                    time = (pm ? (t.h % 12) + 12 : t.h % 12, t.m, t.s)
                } else if time != nil, offset == nil {
                    offset = DateParser.zoneOffsetMinutes(word)
                }
            } else if b == ASCII.openParen {
                var ignored = false
                i = AddressScanner.comment(raw, from: i, end: end, repaired: &ignored).1
            } else {
                i += 1
            }
        }
        guard let time else { return nil }
        var day: (value: Int, digits: Int), year: (value: Int, digits: Int)
        var monthValue: Int
        if let month {
            guard numbers.count >= 2 else { return nil }
            (day, year, monthValue) = (numbers[0], numbers[1], month)
        } else {
            guard numbers.count >= 3 else { return nil }
            (day, year, monthValue) = (numbers[0], numbers[2], numbers[1].value)
        }
        if day.digits >= 4 { swap(&day, &year) }  // `2024 Jan 5` and the like
        return DateParser.compose(year: DateParser.expandYear(year.value, digits: year.digits), month: monthValue,
                                  day: day.value, hour: time.h, minute: time.m, second: time.s,
                                  offsetMinutes: offset ?? 0)
    }
}
