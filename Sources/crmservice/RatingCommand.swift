import ArgumentParser
import CRMCore
import CRMServiceApp
import Jobs

/// `crmservice rating run|validate` (§6).
struct RatingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rating",
        abstract: "The customer rating job and the rule check.",
        subcommands: [Run.self, Validate.self]
    )

    /// `rating run [--full] --db DB`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rate the accounts that changes since the last run can affect (all with --full).")

        @Flag(help: "Recompute every account.")
        var full = false

        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let database = try databaseOptions.openStore()
            let acting = try actor.resolve(in: database, needs: .ratingRun)
            let ran: (outcome: RatingJob.Outcome, summary: String)
            do {
                // The audit line is written with the run's start, in its transaction.
                ran = try RatingService(database: database)
                    .run(full: full, audit: acting.audit("rating-run", target: "", detail: full ? "full" : "incremental"))
            } catch {
                throw CommandFailure.failed("rating run failed: \(error)")
            }
            print(ran.summary, terminator: "")
        }
    }

    /// `rating validate [--repair] --db DB`: exit 0 when the rules are clean, 1 when problems were found.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List overlapping ranges (with the suggested repair) and gaps in the rating rules.",
            discussion: """
                Exits 0 when the rules are clean and 1 when problems were found (also when --repair fixed them; \
                run validate again to check).
                """)

        @Flag(help: "Apply the suggested repairs in one transaction.")
        var repair = false

        @OptionGroup var databaseOptions: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let database = try databaseOptions.openStore()
            // Only --repair changes data: it needs rating-rules; the check alone is reading.
            let acting = try actor.resolve(in: database, needs: repair ? .ratingRules : nil)
            let result: (findings: [RatingFinding], report: String)
            // With --repair, the repair and its audit line are one transaction.
            let audit = repair ? acting.audit("rating-repair", target: "rating-rules", detail: "overlaps repaired") : nil
            do { result = try RatingService(database: database).validate(repair: repair, audit: audit) } catch {
                throw CommandFailure.failed("rating validate failed: \(error)")
            }
            print(result.report, terminator: "")
            if !result.findings.isEmpty {
                throw CommandFailure.failed("\(result.findings.count) problem\(result.findings.count == 1 ? "" : "s") in the rating rules")
            }
        }
    }
}

