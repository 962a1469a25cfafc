/// `crmservice import template KIND` and the console's template download: the header row of §3 and one example row,
/// both from `ImportKind.columnTable`, so a template cannot drift from what the importer reads.
public struct ImportTemplate: Sendable {
    public let kind: ImportKind

    public init(_ kind: ImportKind) { self.kind = kind }

    /// The CSV text: header line and example line, each ended by a line feed.
    public var text: String {
        let table = kind.columnTable
        return table.map { ReferenceExporter.csvField($0.name) }.joined(separator: ",") + "\n"
            + table.map { ReferenceExporter.csvField($0.example) }.joined(separator: ",") + "\n"
    }

    /// What must be imported first for the example row to import (empty when it imports alone).
    public var note: String? {
        guard !kind.parents.isEmpty else { return nil }
        let parents = kind.parents.map(\.rawValue).joined(separator: ", ")
        return "the example row names the example of the \(parents) template: import that template first"
    }
}
