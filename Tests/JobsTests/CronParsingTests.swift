import Testing
@testable import Jobs

/// The values whose bits are set, for readable expectations.
func values(_ bits: some BinaryInteger, in range: ClosedRange<Int>) -> [Int] {
    range.filter { (UInt64(bits) >> UInt64($0)) & 1 == 1 }
}

@Suite("Cron expressions: syntax (§7)") struct CronParsingTests {
    @Test("names and ranges: month names JAN-DEC, day names SUN-SAT, any case, in lists and ranges")
    func namesAndRanges() throws {
        let e = try CronExpression("0 9 * jan,Mar-MAY mon-fri")
        #expect(values(e.months, in: 1...12) == [1, 3, 4, 5])
        #expect(values(e.daysOfWeek, in: 0...6) == [1, 2, 3, 4, 5])
        let all = try CronExpression("0 0 * JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC SUN,MON,TUE,WED,THU,FRI,SAT")
        #expect(all.months == 0b1_1111_1111_1110)
        #expect(all.daysOfWeek == 0b111_1111)
        #expect(e.description == "0 9 * 1,3-5 1-5")
    }

    @Test("day-of-week 0 and 7 are both Sunday", arguments: ["0", "7", "SUN", "sun", "0,7", "7-7"])
    func sunday(_ field: String) throws {
        #expect(values(try CronExpression("0 0 * * \(field)").daysOfWeek, in: 0...6) == [0])
    }

    @Test("ranges through 7 wrap to Sunday") func rangeToSeven() throws {
        #expect(values(try CronExpression("0 0 * * 5-7").daysOfWeek, in: 0...6) == [0, 5, 6])
        #expect(values(try CronExpression("0 0 * * FRI-SUN").daysOfWeek, in: 0...6) == [0, 5, 6])
        #expect(throws: CronParseError.self) { try CronExpression("0 0 * * 6-0") }
    }

    @Test("steps: */15, 1-30/5, and 5/10 meaning 5-max/10", arguments: [
        ("*/15 * * * *", CronField.minute, [0, 15, 30, 45]),
        ("1-30/5 * * * *", .minute, [1, 6, 11, 16, 21, 26]),
        ("5/10 * * * *", .minute, [5, 15, 25, 35, 45, 55]),
        ("0 */6 * * *", .hour, [0, 6, 12, 18]),
        ("0 20/2 * * *", .hour, [20, 22]),
        ("0 0 */10 * *", .dayOfMonth, [1, 11, 21, 31]),
        ("0 0 * */5 *", .month, [1, 6, 11]),
        ("0 0 * * */2", .dayOfWeek, [0, 2, 4, 6]),
        ("0 0 * * 1/2", .dayOfWeek, [0, 1, 3, 5]), // 1,3,5,7 with 7 = Sunday, as Vixie cron reads 1-7/2
        ("0,30 1,2-4 * * *", .hour, [1, 2, 3, 4]),
    ])
    func steps(_ text: String, _ field: CronField, _ expected: [Int]) throws {
        let e = try CronExpression(text)
        let got: [Int] = switch field {
        case .minute: values(e.minutes, in: 0...59)
        case .hour: values(e.hours, in: 0...23)
        case .dayOfMonth: values(e.daysOfMonth, in: 1...31)
        case .month: values(e.months, in: 1...12)
        case .dayOfWeek: values(e.daysOfWeek, in: 0...6)
        }
        #expect(got == expected)
    }

    @Test("the Vixie flags: a day field is unrestricted when it starts with *; hour * or */N runs in both")
    func flags() throws {
        let a = try CronExpression("0 * 1 * *")
        #expect(!a.dayOfMonthIsStar && a.dayOfWeekIsStar && a.hourIsWildcard)
        let b = try CronExpression("0 */2 */2 * 1")
        #expect(b.dayOfMonthIsStar && !b.dayOfWeekIsStar && b.hourIsWildcard)
        let c = try CronExpression("0 0-23 * * *")
        #expect(!c.hourIsWildcard)
        let d = try CronExpression("0 1 * * *")
        #expect(!d.hourIsWildcard)
    }

    @Test("tabs and repeated spaces separate fields") func whitespace() throws {
        #expect(try CronExpression("  0\t9  *  * 1 ").description == "0 9 * * 1")
    }

    @Test("validation errors name the field and the bad token", arguments: [
        ("0 24 * * *", CronField.hour, "24", "hour: 24 is out of range 0-23"),
        ("60 * * * *", .minute, "60", "minute: 60 is out of range 0-59"),
        ("0 0 0 * *", .dayOfMonth, "0", "day-of-month: 0 is out of range 1-31"),
        ("0 0 32 * *", .dayOfMonth, "32", "day-of-month: 32 is out of range 1-31"),
        ("0 0 * 13 *", .month, "13", "month: 13 is out of range 1-12"),
        ("0 0 * * 8", .dayOfWeek, "8", "day-of-week: 8 is out of range 0-7"),
        ("0 0 * FOO *", .month, "FOO", "month: FOO is not a number or month name (JAN-DEC)"),
        ("0 0 * * MONDAY", .dayOfWeek, "MONDAY", "day-of-week: MONDAY is not a number or day name (SUN-SAT)"),
        ("0 MON * * *", .hour, "MON", "hour: MON is not a number"),
        ("5-1 * * * *", .minute, "5-1", "minute: 5-1 is a range whose start is after its end"),
        ("*/0 * * * *", .minute, "*/0", "minute: */0 has a step that is not a number from 1 to the field's span"),
        ("*/x * * * *", .minute, "*/x", "minute: */x has a step that is not a number from 1 to the field's span"),
        ("1,,2 * * * *", .minute, "1,,2", "minute: '1,,2' has an empty value"),
        ("0 1- * * *", .hour, "1-", "hour: '1-' has an empty value"),
        ("-1 * * * *", .minute, "-1", "minute: '-1' has an empty value"),
        ("0 99999999999 * * *", .hour, "99999999999", "hour: 99999999999 is out of range 0-23"),
    ])
    func validation(_ text: String, _ field: CronField, _ token: String, _ message: String) {
        #expect(throws: CronParseError.self) { try CronExpression(text) }
        do {
            _ = try CronExpression(text)
        } catch {
            #expect(error.field == field)
            #expect(error.token == token)
            #expect(error.description == message)
        }
    }

    @Test("an expression needs exactly five fields", arguments: ["", "* * * *", "* * * * * *", "@daily"])
    func fieldCount(_ text: String) {
        #expect(throws: CronParseError.self) { try CronExpression(text) }
        do { _ = try CronExpression(text) } catch {
            #expect(error.field == nil)
            #expect(error.description.contains("expected 5"))
        }
    }

    @Test("expressions that can never fire are recognised without searching", arguments: [
        ("0 0 30 2 *", false), ("0 0 31 4,6,9,11 *", false), ("0 0 29 2 *", true), ("0 0 30 2 MON", true),
        ("0 0 31 * *", true), ("0 0 30 2 */7", false),
    ])
    func canFire(_ text: String, _ expected: Bool) throws {
        #expect(try CronExpression(text).canFire == expected)
    }
}
