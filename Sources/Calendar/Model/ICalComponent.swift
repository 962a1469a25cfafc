/// A component (RFC 5545 §3.4–3.6): its name, and its properties and subcomponents in the order read. Components
/// and properties the CRM does not model are kept as they are and written back unchanged.
public struct ICalComponent: Sendable, Hashable {
    /// A property or a subcomponent, in stream order.
    public enum Entry: Sendable, Hashable {
        case property(ICalProperty)
        case component(ICalComponent)
    }

    /// The name in upper case (`VCALENDAR`, `VEVENT`, `X-WR-SOMETHING`).
    public var name: String
    public var entries: [Entry]
    /// The line of its `BEGIN` in the stream it was read from; 0 for a new component.
    public internal(set) var line: Int
    /// `BEGIN` and `END` lines as read (`begin:vevent` stays in lower case).
    var beginOriginal: [UInt8]?
    var endOriginal: [UInt8]?

    public init(_ name: String, entries: [Entry] = []) {
        self.name = name.uppercased()
        self.entries = entries
        self.line = 0
    }

    init(name: String, line: Int, beginOriginal: [UInt8]) {
        self.name = name
        self.entries = []
        self.line = line
        self.beginOriginal = beginOriginal
    }

    /// The properties, in order.
    public var properties: [ICalProperty] {
        entries.compactMap { if case .property(let p) = $0 { p } else { nil } }
    }

    /// The subcomponents, in order.
    public var components: [ICalComponent] {
        entries.compactMap { if case .component(let c) = $0 { c } else { nil } }
    }

    /// The first property named `name`.
    public func first(_ name: String) -> ICalProperty? {
        for case .property(let p) in entries where p.name == name { return p }
        return nil
    }

    /// Every property named `name`, in order.
    public func all(_ name: String) -> [ICalProperty] {
        entries.compactMap { if case .property(let p) = $0, p.name == name { p } else { nil } }
    }

    /// Replaces the first property of this name (in place) and removes any other; appends it if there was none.
    public mutating func set(_ property: ICalProperty) {
        guard let i = entries.firstIndex(where: { if case .property(let p) = $0 { p.name == property.name } else { false } })
        else { return append(property) }
        entries[i] = .property(property)
        var j = i + 1
        while j < entries.count {
            if case .property(let p) = entries[j], p.name == property.name { entries.remove(at: j) } else { j += 1 }
        }
    }

    /// Removes every property named `name`.
    public mutating func removeAll(_ name: String) {
        entries.removeAll { if case .property(let p) = $0 { p.name == name } else { false } }
    }

    /// Adds a property after the last one of the same name, else after the last property (before subcomponents).
    public mutating func append(_ property: ICalProperty) {
        let sameName = entries.lastIndex { if case .property(let p) = $0 { p.name == property.name } else { false } }
        let lastProperty = entries.lastIndex { if case .property = $0 { true } else { false } }
        let at = sameName.map { $0 + 1 } ?? lastProperty.map { $0 + 1 } ?? 0
        entries.insert(.property(property), at: at)
    }

    /// Adds a subcomponent after the existing ones.
    public mutating func append(_ component: ICalComponent) {
        entries.append(.component(component))
    }
}
