/// One content line of a component: a property with its parameters and its value as written (still escaped).
/// A property read from a stream keeps its original bytes and is written back with them until it is changed.
public struct ICalProperty: Sendable, Hashable {
    /// The name in upper case (`DTSTART`, `X-MOZ-LASTACK`).
    public var name: String { didSet { original = nil } }
    public var parameters: [ICalParameter] { didSet { original = nil } }
    /// The value bytes as they stand on the line (TEXT escapes not undone; see `text`).
    public var value: [UInt8] { didSet { original = nil } }
    /// The first physical line of the property in the stream it was read from; 0 for a new property.
    public internal(set) var line: Int
    /// The unfolded line as read, written back unchanged while the property is not modified.
    var original: [UInt8]?

    public init(_ name: String, parameters: [ICalParameter] = [], value: [UInt8]) {
        self.name = name.uppercased()
        self.parameters = parameters
        self.value = value
        self.line = 0
        self.original = nil
    }

    /// A property whose value is TEXT (RFC 5545 §3.3.11): the value is escaped.
    public init(_ name: String, parameters: [ICalParameter] = [], text: String) {
        self.init(name, parameters: parameters, value: ICalText.escape(text))
    }

    init(name: String, parameters: [ICalParameter], value: [UInt8], line: Int, original: [UInt8]?) {
        self.name = name
        self.parameters = parameters
        self.value = value
        self.line = line
        self.original = original
    }

    /// The value read as TEXT, escapes undone.
    public var text: String { ICalText.unescape(value) }

    /// The value as a string, without unescaping (URIs, dates, RRULE).
    public var rawText: String { String(decoding: value, as: UTF8.self) }

    /// The first parameter named `name` (case-insensitive).
    public func parameter(_ name: String) -> ICalParameter? {
        let upper = name.uppercased()
        return parameters.first { $0.name == upper }
    }

    /// Sets (or with nil removes) the parameter `name`, keeping the others in place.
    public mutating func setParameter(_ name: String, _ values: [String]?) {
        let upper = name.uppercased()
        if let values {
            if let i = parameters.firstIndex(where: { $0.name == upper }) {
                parameters[i].values = values
            } else {
                parameters.append(ICalParameter(upper, values))
            }
        } else if parameters.contains(where: { $0.name == upper }) {
            parameters.removeAll { $0.name == upper }
        }
    }

    /// Whether the property is written with the bytes it was read with.
    public var isUnchanged: Bool { original != nil }

    /// The unfolded content line to write.
    var contentLine: [UInt8] {
        if let original { return original }
        var out = Array(name.utf8)
        for parameter in parameters { out.append(contentsOf: parameter.encoded) }
        out.append(0x3A)
        out.append(contentsOf: value.lazy.filter { $0 != 0x0A && $0 != 0x0D })
        return out
    }
}
