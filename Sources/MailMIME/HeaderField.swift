/// One header field as it stood in the message: its name and its raw value (still folded, possibly 8-bit).
public struct HeaderField: Sendable, Equatable {
    /// The name as written (case preserved).
    public var name: String
    /// The raw value bytes after the colon, including folding (CRLF/LF + WSP) and any leading blank.
    public var rawValue: ArraySlice<UInt8>

    public init(name: String, rawValue: ArraySlice<UInt8>) {
        self.name = name
        self.rawValue = rawValue
    }

    /// True when `name` equals `other` ignoring ASCII case.
    @inlinable
    public func hasName(_ other: String) -> Bool {
        name.utf8.count == other.utf8.count && name.lowercased() == other.lowercased()
    }
}
