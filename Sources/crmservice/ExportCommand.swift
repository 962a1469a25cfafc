import ArgumentParser
import CRMServiceApp

extension ExportKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

/// `crmservice export KIND --db DB [--format jsonl|csv]` (§1).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export data as JSON Lines (default) or CSV.",
        discussion: "KIND is one of: \(ExportKind.allCases.map(\.rawValue).joined(separator: ", "))."
    )

    @Argument(help: "What to export.")
    var kind: ExportKind

    @OptionGroup var databaseOptions: DatabaseOptions

    @Option(help: "jsonl or csv.")
    var format: ExportFormat = .jsonl

    func run() throws {
        let database = try databaseOptions.openStore()
        let out = OutputBuffer()
        do {
            try ReferenceExporter(database: database).export(kind, format: format) { out.write($0) }
        } catch let error as ExportNotAvailable {
            throw CommandFailure.failed(error.description)
        } catch {
            out.flush()
            throw CommandFailure.failed("export of \(kind.rawValue) failed: \(error)")
        }
        out.flush()
    }
}
