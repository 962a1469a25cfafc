import Foundation

/// A CSV file checked against the columns of one KIND (§3): every column known, none missing, none twice. A row with
/// the wrong number of fields is a problem of that row (`problems`), not of the file: the other rows are still read.
public struct CSVTable {
    /// One data row: values by column name, and a way to report a bad field with the row's line.
    public struct Row {
        public let file: String
        public let line: Int
        let fields: [String]
        let columns: [String: Int]

        /// The value of `column` (a declared column).
        public subscript(column: String) -> String { fields[columns[column]!] }

        /// A bad-input error naming this row's line and `field`.
        public func error(_ field: String, _ message: String) -> CSVError {
            CSVError(file: file, line: line, field: field, message: message)
        }
    }

    public let file: String
    public let rows: [Row]
    /// Rows left out of `rows` because their number of fields differs from the header's.
    public let problems: [CSVError]

    /// Parses `bytes` (the file's name is `file` in messages) expecting exactly `columns`, in any order.
    public init(_ bytes: [UInt8], file: String, columns: [String]) throws {
        self.file = file
        let records = try CSVReader.records(bytes, file: file)
        guard let header = records.first else {
            throw CSVError(file: file, line: 1, message: "no header row (expected \(columns.joined(separator: ",")))")
        }
        var index: [String: Int] = [:]
        for (position, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard columns.contains(name) else {
                throw CSVError(file: file, line: header.line, field: name, message: "unknown column")
            }
            guard index[name] == nil else {
                throw CSVError(file: file, line: header.line, field: name, message: "column given twice")
            }
            index[name] = position
        }
        for column in columns where index[column] == nil {
            throw CSVError(file: file, line: header.line, field: column, message: "missing column")
        }
        var rows: [Row] = [], problems: [CSVError] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                problems.append(CSVError(file: file, line: record.line,
                                         message: "\(record.fields.count) fields, the header has \(header.fields.count)"))
                continue
            }
            rows.append(Row(file: file, line: record.line, fields: record.fields, columns: index))
        }
        self.rows = rows
        self.problems = problems
    }
}
