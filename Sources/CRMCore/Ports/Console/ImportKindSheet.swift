/// One importable kind as the imports page lists it.
public struct ImportKindSheet: Sendable, Hashable {
    /// `accounts`, `rating-rules`, … (§3).
    public var name: String
    public var columns: [String]
    /// What must be imported before the kind's template imports, if anything.
    public var templateNote: String?

    public init(name: String, columns: [String], templateNote: String?) {
        self.name = name
        self.columns = columns
        self.templateNote = templateNote
    }
}
