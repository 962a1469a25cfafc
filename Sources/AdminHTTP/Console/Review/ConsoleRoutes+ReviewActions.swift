import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// The review queue's actions (§8), each needing the right `review` (403 and nothing changed otherwise; the
    /// middleware has already refused a POST without the session's `csrf`):
    /// - `POST /review/assign` (`ids`…, `contact`), `POST /review/dismiss` (`ids`…, `why`),
    ///   `POST /review/reprocess` (`ids`…);
    /// - `POST /review/remember` (`address`; `contact` or `ignore=1`), `POST /review/contacts` (`address`, `name`,
    ///   `account`, optional `id`): then the open entries naming the address are reprocessed;
    /// - `POST /review/privacy` (`ids`… of flagged activities, `decision` `keep` or `exclude`).
    /// Each answers 303 to the queue, whose notice says what was done (how many entries became activities); a refused
    /// action (unknown contact, blank reason, no ids) is a 400 page saying why.
    static func addReviewActionRoutes(to router: Router<ConsoleContext>, queue: any ReviewQueue) {
        router.post("/review/assign") { _, context in
            let login = try context.require(.review)
            return try await act(context) {
                let contact = ContactID(context.form["contact"]?.trimmingCharacters(in: .whitespaces) ?? "")
                let result = try queue.assign(ids(context), to: contact, actor: login.user.rawValue, at: Date())
                return "done=assign&n=\(result.done.count)&skipped=\(result.skipped.count)"
            }
        }
        router.post("/review/dismiss") { _, context in
            let login = try context.require(.review)
            return try await act(context) {
                let result = try queue.dismiss(ids(context), why: context.form["why"] ?? "", actor: login.user.rawValue,
                                               at: Date())
                return "done=dismiss&n=\(result.done.count)&skipped=\(result.skipped.count)"
            }
        }
        router.post("/review/reprocess") { _, context in
            let login = try context.require(.review)
            return try await act(context) {
                summary("reprocess", try queue.reprocess(ids(context), actor: login.user.rawValue, at: Date()))
            }
        }
        router.post("/review/remember") { _, context in
            let login = try context.require(.review)
            return try await act(context) {
                let address = try address(context)
                let target: RememberTarget = context.form["ignore"] == "1"
                    ? .neverCapture : .contact(ContactID(context.form["contact"]?.trimmingCharacters(in: .whitespaces) ?? ""))
                return summary("remember", try queue.remember(address, as: target, actor: login.user.rawValue, at: Date()))
            }
        }
        router.post("/review/contacts") { _, context in
            let login = try context.require(.review)
            return try await act(context) {
                let id = context.form["id"]?.trimmingCharacters(in: .whitespaces)
                let contact = NewContact(
                    id: id.flatMap { $0.isEmpty ? nil : ContactID($0) }, account: AccountID(context.form["account"] ?? ""),
                    name: context.form["name"] ?? "", address: try address(context))
                return summary("contact", try queue.addContact(contact, actor: login.user.rawValue, at: Date()))
            }
        }
        router.post("/review/privacy") { _, context in
            let login = try context.require(.review)
            return try await act(context) {
                guard let decision = context.form["decision"].flatMap(PrivacyDecision.init(rawValue:)) else {
                    throw ReviewFormError(message: "choose keep or exclude")
                }
                let result = try queue.settlePrivacyReview(ids(context), decision, actor: login.user.rawValue, at: Date())
                return "done=\(decision.rawValue)&n=\(result.done.count)&skipped=\(result.skipped.count)&category=privacy_review"
            }
        }
    }

    /// Runs `body` off the cooperative pool; 303 to the queue with its notice, or a 400 page for a refusal.
    private static func act(_ context: ConsoleContext, _ body: @escaping @Sendable () throws -> String) async throws
        -> Response {
        do {
            let notice = try await BlockingThread.run(name: "crmservice.console-review") { try body() }
            return context.redirect(to: "/review?" + notice)
        } catch let refusal as ReviewRefusal {
            return try refused(context, refusal.description)
        } catch let error as ReviewFormError {
            return try refused(context, error.message)
        }
    }

    private static func refused(_ context: ConsoleContext, _ message: String) throws -> Response {
        try context.page(title: "Not done", template: "error", ["message": "Nothing was changed: \(message).",
                                                                  "back": "/review"], status: .badRequest)
    }

    private static func summary(_ kind: String, _ summary: ReprocessSummary) -> String {
        "done=\(kind)&activities=\(summary.activities)&ignored=\(summary.ignored)&open=\(summary.stillOpen)"
            + "&skipped=\(summary.skipped.count)"
    }

    private static func ids(_ context: ConsoleContext) throws -> [Int64] {
        let values = context.form.values("ids")
        let ids = values.compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        guard ids.count == values.count else { throw ReviewFormError(message: "an id is not a number") }
        return ids
    }

    private static func address(_ context: ConsoleContext) throws -> EmailAddress {
        guard let address = context.form["address"].flatMap(EmailAddress.init) else {
            throw ReviewFormError(message: "not an e-mail address")
        }
        return address
    }
}

/// A review form that cannot be understood (an id that is not a number, no address): 400, nothing changed.
struct ReviewFormError: Error {
    var message: String
}
