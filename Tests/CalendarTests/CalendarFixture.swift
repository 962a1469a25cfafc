import Foundation

/// The files of `Fixtures/calendar`, and a reading of iCalendar lines independent of the parser under test.
enum CalendarFixture {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/calendar").path
    }()

    static let names = [
        "simple.ics", "all-day.ics", "weekly-exdate-override.ics", "new-york.ics", "exchange-windows-zone.ics",
        "windows-zone-without-vtimezone.ics", "alarm-x-properties.ics", "tzid-without-vtimezone.ics",
        "unknown-tzid.ics", "end-before-start.ics",
    ]

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: name])
        }
        return [UInt8](data)
    }

    /// The content lines of a stream, unfolded (CRLF or LF, continuation by space or tab), empty lines left out:
    /// what "the same after normalising folding" compares.
    static func unfoldedLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var physical = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? Array(line.dropLast()) : Array(line)
        }
        if physical.last?.isEmpty == true { physical.removeLast() }
        var lines: [[UInt8]] = []
        for line in physical {
            if let first = line.first, first == 0x20 || first == 0x09, !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
            } else if !line.isEmpty {
                lines.append(line)
            }
        }
        return lines
    }

    /// The physical lines of a stream as written by us: each must end with CRLF.
    static func physicalLines(_ bytes: [UInt8]) -> (lines: [ArraySlice<UInt8>], allCRLF: Bool) {
        var lines: [ArraySlice<UInt8>] = []
        var allCRLF = true
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            if i == 0 || bytes[i - 1] != 0x0D { allCRLF = false }
            lines.append(bytes[start..<max(start, i - 1)])
            start = i + 1
        }
        if start != bytes.count { allCRLF = false }
        return (lines, allCRLF)
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
