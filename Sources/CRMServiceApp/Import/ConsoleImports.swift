import CRMCore
import Foundation
import Store

/// The console's imports (`ImportConsole`) over the importer of `crmservice import`: the same column table, templates,
/// row decoding and transaction. A file is named `KIND.csv` in problems (the browser's file name is not trusted).
public struct ConsoleImports: ImportConsole {
    let database: AppDatabase
    let audit: any AuditLog

    /// `audit` is kept for the callers: an import's audit line is written in the import's own transaction of
    /// `database`.
    public init(database: AppDatabase, audit: any AuditLog) {
        self.database = database
        self.audit = audit
    }

    public func importKinds() -> [ImportKindSheet] {
        ImportKind.templateOrder.map { ImportKindSheet(name: $0.rawValue, columns: $0.columns, templateNote: ImportTemplate($0).note) }
    }

    public func template(ofKind kind: String) -> String? { ImportKind(rawValue: kind).map { ImportTemplate($0).text } }

    public func check(kind name: String, csv: [UInt8]) throws -> ImportReport {
        let kind = try Self.kind(name)
        let check = try ReferenceImporter(database: database).check(kind, csv, file: "\(kind.rawValue).csv")
        return ImportReport(kind: kind.rawValue, goodRows: check.goodRows, problems: check.problems.map(Self.problem),
                            written: nil)
    }

    public func importCSV(kind name: String, csv: [UInt8], actor: String, at time: Date) throws -> ImportReport {
        let kind = try Self.kind(name)
        let importer = ReferenceImporter(database: database)
        let file = "\(kind.rawValue).csv"
        let check = try importer.check(kind, csv, file: file)
        var problems: [CSVError] = []
        var written: ImportCounts?
        // The data, its run of `import` and the audit line commit in one transaction (or the rejection alone).
        let audit = AuditLogEntry(at: time, actor: actor, origin: .console, action: "import",
                                  target: "import \(kind.rawValue)", detail: "")
        do {
            let s = try importer.importRecorded(kind, csv, file: file, startedAt: time, audit: audit,
                                            clock: { time }).summary
            written = ImportCounts(inserted: s.inserted, updated: s.updated, unchanged: s.unchanged)
        } catch let rejected as ImportRejected {
            problems = rejected.problems
        }
        return ImportReport(kind: kind.rawValue, goodRows: check.goodRows, problems: problems.map(Self.problem),
                            written: written)
    }

    static func kind(_ name: String) throws -> ImportKind {
        guard let kind = ImportKind(rawValue: name) else { throw UnknownImportKind(kind: name) }
        return kind
    }

    static func problem(_ error: CSVError) -> ImportProblem {
        ImportProblem(line: error.line, field: error.field, message: error.message, text: error.description)
    }
}
