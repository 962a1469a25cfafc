/// Bad input in a CSV file, naming the file, the line of the record's first line and the field
/// (`contracts.csv line 17, field item_value: "12,5" is not a decimal`).
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var field: String?
    public var message: String

    public init(file: String, line: Int, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        "\(file) line \(line)" + (field.map { ", field \($0)" } ?? "") + ": \(message)"
    }
}
