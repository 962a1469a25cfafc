/// Reads the TZif files of the system tz database (RFC 8536), version 2 or later: the 64-bit transition table and
/// the POSIX TZ footer. Version 1 files are read from their 32-bit table. Files with leap-second records (`right/`)
/// are refused: POSIX time, which cron and `Date` use, has no leap seconds.
enum TZifReader {
    /// Parses the bytes of a TZif file.
    static func parse(_ bytes: [UInt8], identifier: String) throws(MalformedTZif) -> TimeZoneRules {
        var reader = ByteReader(bytes: bytes)
        let header1 = try reader.header()
        guard header1.leapCount == 0 else {
            // `right/` zones count leap seconds in their transition times; POSIX time (and cron) does not.
            throw MalformedTZif(identifier: identifier, reason: "leap-second zones (right/…) are not supported")
        }
        if header1.version >= 2 {
            try reader.skip(header1.dataLength(timeSize: 4))
            let header2 = try reader.header()
            return try body(&reader, header2, timeSize: 8, identifier: identifier, footer: true)
        }
        return try body(&reader, header1, timeSize: 4, identifier: identifier, footer: false)
    }

    private static func body(_ reader: inout ByteReader, _ header: Header, timeSize: Int, identifier: String,
                             footer hasFooter: Bool) throws(MalformedTZif) -> TimeZoneRules {
        var times: [Int64] = []
        times.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount { times.append(try timeSize == 8 ? reader.int64() : Int64(reader.int32())) }
        var indices: [Int] = []
        for _ in 0..<header.timeCount { indices.append(Int(try reader.byte())) }
        var offsets: [Int32] = []
        for _ in 0..<header.typeCount {
            offsets.append(try reader.int32())
            _ = try reader.byte() // isdst
            _ = try reader.byte() // abbreviation index
        }
        guard !offsets.isEmpty, indices.allSatisfy({ $0 < offsets.count }) else {
            throw MalformedTZif(identifier: identifier, reason: "bad time type index")
        }
        try reader.skip(header.charCount + header.leapCount * (timeSize + 4) + header.isStdCount + header.isUTCount)
        var footer: POSIXTimeZoneRule?
        if hasFooter {
            guard try reader.byte() == 0x0A else { throw MalformedTZif(identifier: identifier, reason: "no footer") }
            var text: [UInt8] = []
            while let b = try? reader.byte(), b != 0x0A { text.append(b) }
            if !text.isEmpty {
                guard let rule = POSIXTimeZoneRule(String(decoding: text, as: UTF8.self)) else {
                    throw MalformedTZif(identifier: identifier, reason: "unsupported TZ string in footer")
                }
                footer = rule
            }
        }
        return TimeZoneRules(identifier: identifier, transitionTimes: times,
                             transitionOffsets: indices.map { offsets[$0] }, initialOffset: offsets[0], footer: footer)
    }

    /// The counts of a TZif header.
    private struct Header {
        var version: Int
        var isUTCount, isStdCount, leapCount, timeCount, typeCount, charCount: Int

        func dataLength(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4)
                + isStdCount + isUTCount
        }
    }

    /// Big-endian reads with bounds checks.
    private struct ByteReader {
        let bytes: [UInt8]
        var index = 0

        mutating func byte() throws(MalformedTZif) -> UInt8 {
            guard index < bytes.count else { throw MalformedTZif(identifier: "", reason: "truncated") }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func skip(_ n: Int) throws(MalformedTZif) {
            guard n >= 0, index + n <= bytes.count else { throw MalformedTZif(identifier: "", reason: "truncated") }
            index += n
        }

        mutating func int32() throws(MalformedTZif) -> Int32 {
            var v: UInt32 = 0
            for _ in 0..<4 { v = v << 8 | UInt32(try byte()) }
            return Int32(bitPattern: v)
        }

        mutating func int64() throws(MalformedTZif) -> Int64 {
            var v: UInt64 = 0
            for _ in 0..<8 { v = v << 8 | UInt64(try byte()) }
            return Int64(bitPattern: v)
        }

        mutating func header() throws(MalformedTZif) -> Header {
            guard try byte() == 0x54, try byte() == 0x5A, try byte() == 0x69, try byte() == 0x66 else {
                throw MalformedTZif(identifier: "", reason: "not a TZif file")
            }
            let v = try byte()
            try skip(15)
            var counts: [Int] = []
            for _ in 0..<6 {
                let n = try int32()
                guard n >= 0 else { throw MalformedTZif(identifier: "", reason: "negative count") }
                counts.append(Int(n))
            }
            return Header(version: v == 0 ? 1 : Int(v) - 0x30, isUTCount: counts[0], isStdCount: counts[1],
                          leapCount: counts[2], timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
        }
    }
}
