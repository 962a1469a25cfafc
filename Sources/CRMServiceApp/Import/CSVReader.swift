/// RFC 4180 CSV over UTF-8 bytes: a header row, quoted fields (with `""`, commas and line breaks inside), CRLF or
/// LF line ends, a leading byte order mark tolerated. Each record keeps the line number of its first line.
public struct CSVReader {
    /// One record: its fields and the line it starts on (1-based; the header is line 1).
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// Splits `bytes` into records; blank lines are skipped.
    public static func records(_ bytes: [UInt8], file: String) throws -> [Record] {
        var records: [Record] = []
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var atRecordStart = true

        func text(_ bytes: [UInt8]) throws -> String {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw CSVError(file: file, line: recordLine, field: nil, message: "not valid UTF-8")
            }
            return s
        }

        func endRecord() throws {
            fields.append(try text(field))
            field.removeAll(keepingCapacity: true)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            atRecordStart = true
        }

        while i < n {
            if atRecordStart { recordLine = line; atRecordStart = false }
            let b = bytes[i]
            if b == 0x22, field.isEmpty {
                // Quoted field: runs to the closing quote; `""` is one quote.
                let startLine = line
                i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == 0x22 {
                        if i + 1 < n, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    if c == 0x0A { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else {
                    throw CSVError(file: file, line: startLine, message: "a quoted field is not closed")
                }
                if i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    throw CSVError(file: file, line: line, message: "unexpected text after a closing quote")
                }
                continue
            }
            switch b {
            case 0x2C:
                fields.append(try text(field))
                field.removeAll(keepingCapacity: true)
                i += 1
            case 0x0D:
                i += 1
                if i < n, bytes[i] == 0x0A { i += 1 }
                try endRecord()
                line += 1
            case 0x0A:
                i += 1
                try endRecord()
                line += 1
            case 0x22:
                throw CSVError(file: file, line: line, message: "a quote inside an unquoted field")
            default:
                field.append(b)
                i += 1
            }
        }
        if !atRecordStart { try endRecord() }
        return records
    }
}
