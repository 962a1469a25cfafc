import ArgumentParser
import CRMCore
import CRMServiceApp
import Foundation

/// `crmservice unmatched list|show|assign|dismiss|reprocess` (§5): the administrator's review queue. Every action
/// is recorded in the audit log with `--as` (default: the operating-system user; a user of users.csv named by `--as`
/// needs the right `review`), origin `cli`, and the time.
struct UnmatchedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmatched",
        abstract: "The review queue of messages capture could not place.",
        subcommands: [List.self, Show.self, Assign.self, Dismiss.self, Reprocess.self, People.self, Reject.self]
    )

    /// `unmatched list [--all]`: one line an entry.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List open entries (all with --all).")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Also list assigned and dismissed entries.")
        var all = false

        func run() throws {
            let service = ReviewService(database: try database.openStore())
            let rows: [UnmatchedEntryRow]
            do { rows = try service.list(openOnly: !all) } catch { throw CommandFailure.failed("\(error)") }
            for row in rows {
                print("\(row.id)\t\(row.status)\t\(row.reason)\t\(row.date ?? "-")\t\(row.from ?? "-")\t\(row.subject ?? "")")
            }
        }
    }

    /// `unmatched show ID`, with the ranked candidate contacts (§8).
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one entry: why it is here, its sources, headers.")
        @Argument(help: "The entry id.") var id: Int64
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let service = ReviewService(database: try database.openStore())
            let text: String?
            do { text = try service.show(id) } catch { throw CommandFailure.failed("\(error)") }
            guard let text else { throw CommandFailure.badInput("unmatched entry \(id): no such entry") }
            print(text, terminator: "")
            do { for line in try service.candidateLines(id) { print(line) } } catch { throw CommandFailure.failed("\(error)") }
        }
    }

    /// `unmatched assign ID --contact CID`.
    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make an open entry an activity on a contact.")
        @Argument(help: "The entry id.") var id: Int64
        @Option(help: "The contact id.") var contact: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let (store, capture) = try database.open()
            let acting = try actor.resolve(in: store, needs: .review)
            let service = ReviewService(database: store, policy: capture.policy)
            try review { try service.assign(id, contact: ReviewContactID(contact), actor: acting.name) }
            print("unmatched entry \(id) assigned to contact \(contact)")
        }
    }

    /// `unmatched dismiss ID --why TEXT`.
    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an open entry with a reason.")
        @Argument(help: "The entry id.") var id: Int64
        @Option(help: "Why it is dismissed.") var why: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            guard !why.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CommandFailure.badInput("--why must not be empty")
            }
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: .review)
            let service = ReviewService(database: store)
            try review { try service.dismiss(id, why: why, actor: acting.name) }
            print("unmatched entry \(id) dismissed")
        }
    }

    /// `unmatched reprocess [ID...]`.
    struct Reprocess: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run capture again on open entries (all, or the ids given) with the current address book.")
        @Argument(help: "Entry ids (default: every open entry).") var ids: [Int64] = []
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let (store, capture) = try database.open()
            let acting = try actor.resolve(in: store, needs: .review)
            let service = ReviewService(database: store, policy: capture.policy)
            var results: [(Int64, CaptureResult)] = []
            try review { results = try service.reprocess(ids.isEmpty ? nil : ids, actor: acting.name) }
            var activities = 0
            for (id, result) in results {
                switch result {
                case .activity: activities += 1; print("\(id)\tactivity")
                case .unmatched(let reason): print("\(id)\tunmatched \(reason.rawValue)")
                case .ignored(let reason): print("\(id)\tignored \(reason.rawValue)")
                case .duplicate: print("\(id)\tduplicate")
                }
            }
            print("\(results.count) entries reprocessed, \(activities) became activities")
        }
    }
}

/// Runs a review action, mapping a refused action to exit 2 and anything else to exit 1.
private func review(_ action: () throws -> Void) throws {
    do { try action() } catch let error as ReviewError {
        throw CommandFailure.badInput(error.description)
    } catch {
        throw CommandFailure.failed("\(error)")
    }
}
