/// A kind the console was asked for that is no import KIND of §1.
public struct UnknownImportKind: Error, Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public init(kind: String) { self.kind = kind }
    public var description: String { "\"\(kind)\" is not a kind that can be imported" }
}
