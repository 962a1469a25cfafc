import CRMCore
import Foundation
import Store

/// The console's imports (`ImportConsole`) over the importer of `crmservice import`: the same column table, templates,
/// row decoding and transaction. A file is named `KIND.csv` in problems (the browser's file name is not trusted).
public struct ConsoleImports: ImportConsole {
    let database: AppDatabase
    let audit: any AuditLog

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
        var problems = check.problems
        var written: ImportCounts?
        if problems.isEmpty {
            do {
                let s = try importer.importBytes(kind, csv, file: file, now: time)
                written = ImportCounts(inserted: s.inserted, updated: s.updated, unchanged: s.unchanged)
            } catch let rejected as ImportRejected {
                // The database changed between the check and the import (an account removed): still nothing written.
                problems = rejected.problems
            }
        }
        let detail = written.map { "\(check.goodRows) rows: \($0.inserted) inserted, \($0.updated) updated, \($0.unchanged) unchanged" }
            ?? "rejected: \(problems.count) problem\(problems.count == 1 ? "" : "s"), nothing written"
        try audit.appendAudit(AuditLogEntry(at: time, actor: actor, origin: .console, action: "import",
                                            target: "import \(kind.rawValue)", detail: detail))
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
