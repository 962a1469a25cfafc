/// One bad row of a file (or the file itself: a broken header is a problem of line 1).
public struct ImportProblem: Sendable, Hashable {
    public var line: Int
    public var field: String?
    public var message: String
    /// `contacts.csv line 3, field email: "x" is not an e-mail address`.
    public var text: String

    public init(line: Int, field: String?, message: String, text: String) {
        self.line = line
        self.field = field
        self.message = message
        self.text = text
    }
}
