import ArgumentParser

/// `crmservice`: the root command. Subcommands follow ../shared/spec/INTERFACE.md §1.
struct CRMServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crmservice",
        abstract: "Turns a company's e-mail into CRM history.",
        subcommands: [
            ParseCommand.self, ImportCommand.self, ExportCommand.self, RatingCommand.self, CronCommand.self,
            ReplayCommand.self, PollCommand.self, UnmatchedCommand.self, JobsCommand.self, RunCommand.self,
            AdminCommand.self, AppointmentsCommand.self, DigestCommand.self, ArchiveCommand.self, CalendarCommand.self,
            DbCommand.self,
        ]
    )
}
