/// A response line cut into the few token kinds of RFC 3501 §9 that NAMESPACE and LIST answers use: parentheses,
/// quoted strings (with `\` escapes), literals (as strings) and atoms (`NIL`, `\HasNoChildren`, an unquoted name).
struct IMAPTokens {
    enum Item: Equatable {
        case open, close
        case string(String)
        case atom(String)

        /// A delimiter: a one-character string, nil for `NIL` or anything else.
        var delimiter: Character? {
            if case .string(let s) = self, s.count == 1 { return s.first }
            return nil
        }
    }

    private(set) var items: [Item] = []

    init(_ line: IMAPLiteralReader.Line) {
        for (index, text) in line.texts.enumerated() {
            var bytes = text[...]
            if index < line.literals.count {
                // The text ends with `{N}` (or `{N+}`): the literal stands there as a string.
                while let last = bytes.last, last != UInt8(ascii: "{") { bytes = bytes.dropLast() }
                bytes = bytes.dropLast()
            }
            scan(bytes)
            if index < line.literals.count { items.append(.string(String(decoding: line.literals[index], as: UTF8.self))) }
        }
    }

    /// The `index`th item when it is an atom, upper-cased.
    func atom(at index: Int) -> String? {
        guard index < items.count, case .atom(let a) = items[index] else { return nil }
        return a.uppercased()
    }

    private mutating func scan(_ bytes: ArraySlice<UInt8>) {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            switch b {
            case 0x20:
                i += 1
            case UInt8(ascii: "("):
                items.append(.open)
                i += 1
            case UInt8(ascii: ")"):
                items.append(.close)
                i += 1
            case UInt8(ascii: "\""):
                var value: [UInt8] = []
                i += 1
                while i < bytes.endIndex, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.endIndex { i += 1 }
                    value.append(bytes[i])
                    i += 1
                }
                i += 1
                items.append(.string(String(decoding: value, as: UTF8.self)))
            default:
                let start = i
                while i < bytes.endIndex, ![0x20, UInt8(ascii: "("), UInt8(ascii: ")")].contains(bytes[i]) { i += 1 }
                items.append(.atom(String(decoding: bytes[start..<i], as: UTF8.self)))
            }
        }
    }
}
