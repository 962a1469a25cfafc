import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// The review queue's pages (§8): `GET /review`, `GET /review/ID`, `GET /review/activities/ID` (a flagged
    /// activity), and their downloads (`…/raw`, `…/attachments/N`). Reading needs a login only. The actions are in
    /// `addReviewActionRoutes`.
    static func addReviewRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        guard let queue = services.review else { return }
        let candidates = services.candidates
        router.get("/review") { request, context in
            let query = ReviewQuery(ConsoleForm(query: request.uri.query))
            let (listing, mailboxes) = try await BlockingThread.run(name: "crmservice.console-review") {
                (try queue.items(query.filter), try queue.mailboxes())
            }
            let view = ReviewListView(query: query, listing: listing, mailboxNames: mailboxes)
            return try context.page(title: "Review queue", template: "review-list", view)
        }
        for kind in [ReviewItemRef.Kind.unmatched, .activity] {
            let base = kind == .unmatched ? "/review/:id" : "/review/activities/:id"
            router.get(RouterPath(base)) { _, context in
                guard let ref = itemRef(kind, context) else { return try notFound(context) }
                let loaded = try await BlockingThread.run(name: "crmservice.console-review") {
                    () -> (ReviewItemDetail, [CandidateContact], [ReviewAccountChoice])? in
                    guard let detail = try queue.item(ref) else { return nil }
                    let ranked = kind == .unmatched ? try candidates?.candidates(forEntry: ref.id, limit: 10) ?? [] : []
                    let open = detail.status == "open"
                    return (detail, ranked, open ? try queue.accountChoices(for: ref, limit: 200) : [])
                }
                guard let (detail, ranked, choices) = loaded else { return try notFound(context) }
                let title = kind == .unmatched ? "Entry \(ref.id)" : "Activity \(ref.id) (privacy review)"
                return try context.page(title: title, template: "review-item",
                                        ReviewItemView(detail: detail, candidates: ranked, choices: choices))
            }
            router.get(RouterPath(base + "/raw")) { _, context in
                guard let ref = itemRef(kind, context) else { return try notFound(context) }
                let file = try await BlockingThread.run(name: "crmservice.console-review") { try queue.rawMessage(ref) }
                guard let file else { return try notFound(context) }
                return ReviewDownload.response(file, fallback: "\(kind.rawValue)-\(ref.id).eml")
            }
            router.get(RouterPath(base + "/attachments/:n")) { _, context in
                guard let ref = itemRef(kind, context), let index = context.parameters.get("n", as: Int.self) else {
                    return try notFound(context)
                }
                let file = try await BlockingThread.run(name: "crmservice.console-review") {
                    try queue.attachment(ref, index: index)
                }
                guard let file else { return try notFound(context) }
                return ReviewDownload.response(file, fallback: "attachment-\(index + 1)")
            }
        }
        addReviewActionRoutes(to: router, queue: queue)
    }

    private static func itemRef(_ kind: ReviewItemRef.Kind, _ context: ConsoleContext) -> ReviewItemRef? {
        context.parameters.get("id", as: Int64.self).map { ReviewItemRef(kind, $0) }
    }

    static func notFound(_ context: ConsoleContext) throws -> Response {
        try context.page(title: "Not found", template: "error",
                         ["message": "There is no such entry.", "back": "/review"], status: .notFound)
    }
}
