import ArgumentParser
import CRMServiceApp
import Foundation

/// The review queue seen by person (§8): `unmatched people` and `unmatched reject`.
extension UnmatchedCommand {
    /// `unmatched people [--offset N] [--limit N]`: one line an unknown address.
    struct People: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open entries grouped by sender address, most entries first, with the best candidate contact.")
        @Option(help: "Addresses to skip.") var offset = 0
        @Option(help: "Addresses to show.") var limit = 50
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            guard offset >= 0, limit > 0 else { throw CommandFailure.badInput("--offset must be 0 or more, --limit more than 0") }
            let (store, capture) = try database.open()
            let service = ReviewService(database: store, policy: capture.policy)
            let lines: [String]
            do { lines = try service.peopleLines(offset: offset, limit: limit) } catch { throw CommandFailure.failed("\(error)") }
            for line in lines { print(line) }
        }
    }

    /// `unmatched reject ADDRESS --contact CID`: never suggest that contact for that address again.
    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Never suggest a contact again as the person behind an address.")
        @Argument(help: "The address.") var address: String
        @Option(help: "The contact id.") var contact: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var actor: ActorOption

        func run() throws {
            let store = try database.openStore()
            let acting = try actor.resolve(in: store, needs: .review)
            let service = ReviewService(database: store)
            do { try service.reject(address: address, contact: contact, actor: acting.name) } catch let error as ReviewInputError {
                throw CommandFailure.badInput(error.description)
            } catch {
                throw CommandFailure.failed("\(error)")
            }
            print("contact \(contact) will not be suggested again for \(address)")
        }
    }
}
