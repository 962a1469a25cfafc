import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string, in order. A field may repeat (the
/// review queue's checkboxes send `ids=1&ids=2`): `values(_:)` gives every value, `self[name]` the first.
public struct ConsoleForm: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)]

    public init() { fields = [] }

    public init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// Parses `name=value&…` (`+` is a space, `%XX` a byte of UTF-8). nil when an escape is malformed.
    public init?(urlEncoded text: String) {
        var fields: [(name: String, value: String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { return nil }
            guard let value = parts.count > 1 ? Self.decode(parts[1]) : "" else { return nil }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// The query of a request's URI (`GET /review?reason=a&reason=b`); empty when there is none or it is malformed.
    public init(query: String?) {
        self = query.flatMap { ConsoleForm(urlEncoded: $0) } ?? ConsoleForm()
    }

    /// The first value of `name`, nil when absent.
    public subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of `name`, in order (empty when absent).
    public func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    public static func == (lhs: ConsoleForm, rhs: ConsoleForm) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}
