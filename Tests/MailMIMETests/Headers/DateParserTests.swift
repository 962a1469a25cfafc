import Foundation
import Testing
@testable import MailMIME

@Suite("RFC 5322 §3.3 dates")
struct DateParserTests {
    static func seconds(_ raw: String) -> Int64? { DateParser.epochSeconds(Array(raw.utf8)[...]) }

    /// 2024-01-01T09:00:00Z
    static let reference: Int64 = 1_704_099_600

    @Test("forms that all mean 2024-01-01 09:00:00 UTC", arguments: [
        "Mon, 1 Jan 2024 10:00:00 +0100",
        "Mon, 01 Jan 2024 10:00:00 +0100 (CET)",
        "1 Jan 2024 10:00:00 +0100",
        "Mon, 1 Jan 2024 10:00 +0100",
        "mon, 1 jan 2024 10:00:00 +0100",
        "Monday, 1 January 2024 10:00:00 +0100",
        "Mon, 1 Jan 24 10:00:00 +0100",
        "Mon, 1 Jan 2024 04:00:00 EST",
        "Mon, 1 Jan 2024 01:00:00 PST",
        "Mon, 1 Jan 2024 09:00:00 GMT",
        "Mon, 1 Jan 2024 09:00:00 UT",
        "Mon, 1 Jan 2024 09:00:00 Z",
        "Mon, 1 Jan 2024 09:00:00 J",
        "Mon, 1 Jan 2024 09:00:00",
        "Mon, 1 Jan 2024 10:00:00 +01:00",
        "Mon,\r\n 1 Jan 2024\r\n 10:00:00 +0100",
        "Mon Jan  1 09:00:00 2024",
        "2024-01-01 10:00:00 +01:00",
        "2024-01-01T09:00:00Z",
        "2024-01-01T10:00:00.123+0100",
        "by mx.example.com with ESMTP id 123; Mon, 1 Jan 2024 10:00:00 +0100",
        "Mon, 1 Jan 2024 09:00:00 AM",
    ])
    func sameInstant(raw: String) {
        #expect(Self.seconds(raw) == Self.reference)
    }

    @Test("RFC 5322 §4.3 two-digit years: below 50 is 20xx, else 19xx; three digits add 1900")
    func twoDigitYears() {
        #expect(Self.seconds("1 Jan 49 00:00:00 +0000") == Int64(DateParser.daysFromCivil(year: 2049, month: 1, day: 1)) * 86_400)
        #expect(Self.seconds("1 Jan 50 00:00:00 +0000") == Int64(DateParser.daysFromCivil(year: 1950, month: 1, day: 1)) * 86_400)
        #expect(Self.seconds("1 Jan 103 00:00:00 +0000") == Int64(DateParser.daysFromCivil(year: 2003, month: 1, day: 1)) * 86_400)
    }

    @Test("days-from-civil agrees with Foundation's calendar", arguments: [(1970, 1, 1), (2000, 2, 29), (1969, 12, 31), (2100, 3, 1), (1600, 1, 1)])
    func civil(year: Int, month: Int, day: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day))!
        #expect(Int64(DateParser.daysFromCivil(year: year, month: month, day: day)) * 86_400 == Int64(date.timeIntervalSince1970))
    }

    @Test("unreadable dates are nil", arguments: [
        "", "yesterday", "Mon, 1 Jan 2024", "31 Feb 2024 10:00:00 +0000", "1 Foo 2024 10:00:00 +0000",
        "1 Jan 2024 25:00:00 +0000", "0 Jan 2024 10:00:00 +0000", "Tue, 1 Jul 2003 ((unclosed comment",
    ])
    func unreadable(raw: String) {
        #expect(Self.seconds(raw) == nil)
        #expect(DateParser.parse(Array(raw.utf8)[...]) == nil)
    }

    @Test("the reporting variant records unreadableDate only when the date cannot be read")
    func reportingVariant() {
        var defects: [MIMEDefect] = []
        #expect(DateParser.parse(Array("Whenever".utf8)[...], defects: &defects) == nil)
        #expect(DateParser.parse(Array("1 Jan 2024 09:00 GMT".utf8)[...], defects: &defects) != nil)
        #expect(defects == [.unreadableDate])
    }

    @Test("parse returns a Date at the same instant")
    func dateValue() {
        #expect(DateParser.parse(Array("Mon, 1 Jan 2024 10:00:00 +0100".utf8)[...])
                == Date(timeIntervalSince1970: TimeInterval(Self.reference)))
    }
}
