import Foundation

/// The console's imports (§8 Imports, §3): the kinds with their templates, the validation pass that lists every bad
/// row before anything is written, and the import itself. Implemented in CRMServiceApp over the CLI's importer.
public protocol ImportConsole: Sendable {
    /// Every importable kind, in the order their templates import into an empty database.
    func importKinds() -> [ImportKindSheet]
    /// The kind's template (`crmservice import template KIND`), nil for a kind that cannot be imported.
    func template(ofKind kind: String) -> String?
    /// Decodes every row as the import would and lists every problem; writes nothing. Throws `UnknownImportKind`.
    func check(kind: String, csv: [UInt8]) throws -> ImportReport
    /// Imports the file when every row is good (one transaction), else writes nothing and reports the problems;
    /// either is audited as `actor`, an import with its counts.
    func importCSV(kind: String, csv: [UInt8], actor: String, at time: Date) throws -> ImportReport
}
