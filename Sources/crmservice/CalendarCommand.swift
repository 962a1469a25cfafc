import ArgumentParser
import CalendarSync
import CRMCore
import CRMServiceApp

/// `crmservice calendar sync --config FILE [--user UID] [--full] [--allow-mass-delete]` (§9).
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The two-way sync of appointments with each user's CalDAV calendar.",
        subcommands: [Sync.self]
    )

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sync every configured user's calendar (calendars: in the configuration) with the CRM once.",
            discussion: """
                Prints one line per user. Exits 1 when a user's sync failed or the mass-deletion guard stopped it \
                (the others still run).
                """)

        @Option(help: "Only this user (an id of the user table).")
        var user: String?

        @Flag(help: "Ignore the stored sync token: compare every event's ETag.")
        var full = false

        @Flag(help: "Let this run delete more than half of a user's events (the mass-deletion guard).")
        var allowMassDelete = false

        @OptionGroup var databaseOptions: DatabaseOptions

        func run() async throws {
            guard let configuration = try databaseOptions.configuration() else {
                throw CommandFailure.badInput("calendar sync needs --config FILE (its calendars: section)")
            }
            guard let settings = configuration.calendars else {
                throw CommandFailure.badInput("\(databaseOptions.config ?? ""): no calendars: section")
            }
            let database = try openDatabase(try databaseOptions.location(in: configuration))
            let service = CalendarSyncService(database: database, settings: settings)
            let reports: [CalendarSyncReport]
            do {
                reports = try await service.run(only: user.map { UserID($0) }, full: full,
                                                allowMassDelete: allowMassDelete)
            } catch let error as UnknownCalendarUser {
                throw CommandFailure.badInput(error.description)
            } catch {
                throw CommandFailure.failed("calendar sync: \(error)")
            }
            for report in reports { print(report.description) }
            if reports.contains(where: { $0.failure != nil || $0.massDeletionStopped != nil }) {
                throw CommandFailure.failed("calendar sync: \(reports.filter { $0.failure != nil || $0.massDeletionStopped != nil }.count) user(s) not synced")
            }
        }
    }
}
