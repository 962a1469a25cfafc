import ArgumentParser
import CRMCore
import CRMServiceApp
import Foundation

extension ImportKind: ExpressibleByArgument {}

/// `crmservice import KIND CSV --db DB` (§1, §3) and `crmservice import template KIND`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV file (upsert by id), or print a kind's template.",
        discussion: """
            crmservice import KIND CSV (--db DB | --config FILE)
            crmservice import template KIND

            KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")). The file is checked whole first: bad rows reject the file with their line numbers (exit 2) \
            and nothing is written. Every import is recorded as a run of the job `import` (`jobs runs`, `export \
            job-runs`) with its counts created/updated/unchanged/rejected; a rejected file as a failed run.
            """,
        subcommands: [ImportFile.self, Template.self],
        defaultSubcommand: ImportFile.self
    )

    /// `import KIND CSV --db DB`.
    struct ImportFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "file", abstract: "Import a CSV file (the default: `import KIND CSV`).")

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
            // The data, its run of the job `import` and the audit line commit in one transaction; a rejected file
            // writes only its failed run and the audit line.
            let audit = acting.audit("import", target: "import \(kind.rawValue)", detail: "\(csv): ")
            do {
                summary = ImportSummaryText(try ReferenceImporter(database: database)
                    .importFileRecorded(kind, path: csv, audit: audit).summary)
            } catch let error as ImportRejected {
                throw CommandFailure.badInput(error.description)
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
        }
    }

    /// `import template KIND`: needs no database.
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the header row and one example row of KIND.",
            discussion: """
                KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")). The example rows \
                import cleanly into an empty database when the accounts template is imported first: the examples of \
                contacts, orders and contracts name its account (ACME); the appointments example names the users \
                template's user (U-1). In that order every template imports: \
                \(ImportKind.templateOrder.map(\.rawValue).joined(separator: ", ")).
                """)

        @Argument(help: "The kind whose template to print.")
        var kind: ImportKind

        func run() throws {
            print(ImportTemplate(kind).text, terminator: "")
        }
    }
}

/// "3 inserted, 1 updated, 5 unchanged".
struct ImportSummaryText {
    let text: String
    init(_ s: ImportResult) { text = "\(s.inserted) inserted, \(s.updated) updated, \(s.unchanged) unchanged" }
}
