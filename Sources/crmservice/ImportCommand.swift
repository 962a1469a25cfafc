import ArgumentParser
import CRMCore
import CRMServiceApp
import Foundation

extension ImportKind: ExpressibleByArgument {}

/// `crmservice import KIND CSV --db DB` (§1, §3): upsert the rows of one CSV file.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file (upsert by id).",
        discussion: """
            KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")). The file is checked \
            whole first: a bad row rejects the file with its line number (exit 2) and nothing is written.
            """
    )

    @Argument(help: "What the file holds.")
    var kind: ImportKind

    @Argument(help: "The CSV file (UTF-8, header row).")
    var csv: String

    @OptionGroup var databaseOptions: DatabaseOptions
    @OptionGroup var actor: ActorOption

    func run() throws {
        let database = try databaseOptions.openStore()
        let acting = try actor.resolve(in: database, needs: .import)
        let summary: ImportSummaryText
        do {
            summary = ImportSummaryText(try ReferenceImporter(database: database).importFile(kind, path: csv))
        } catch let error as CSVError {
            throw CommandFailure.badInput(error.description)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile || error.code == .fileReadNoPermission {
            throw CommandFailure.badInput("cannot read \(csv)")
        } catch let error as ImportNotAvailable {
            throw CommandFailure.failed(error.description)
        } catch {
            throw CommandFailure.failed("import of \(csv) failed: \(error)")
        }
        print("\(csv): \(summary.text)")
        try acting.record("import", target: "import \(kind.rawValue)", detail: "\(csv): \(summary.text)", in: database)
    }
}

/// "3 inserted, 1 updated, 5 unchanged".
struct ImportSummaryText {
    let text: String
    init(_ s: ImportResult) { text = "\(s.inserted) inserted, \(s.updated) updated, \(s.unchanged) unchanged" }
}

/// Opens `--db`, turning a failure into exit 1 with the path.
func openDatabase(_ path: String) throws -> StoreDatabase {
    do { return try DatabaseOpener.open(path) } catch {
        throw CommandFailure.failed("cannot open database \(path): \(error)")
    }
}
