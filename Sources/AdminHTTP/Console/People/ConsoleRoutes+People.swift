import CRMCore
import Foundation
import Hummingbird

extension ConsoleRoutes {
    /// Addresses a page of `GET /review/people` shows.
    static let peoplePageSize = 50

    /// `GET /review/people` (`?offset=N`): the review queue grouped by unknown address (§8 "by person"), and
    /// `POST /review/reject` (`address`, `contact`, `csrf`; right `review`; optional local `next`): the contact is
    /// never suggested again for the address. Both need `services.candidates`; without it they are not registered.
    static func addPeopleRoutes(to router: Router<ConsoleContext>, services: ConsoleServices) {
        guard let candidates = services.candidates else { return }
        router.get("/review/people") { request, context in
            let offset = max(0, Int(ConsoleForm(query: request.uri.query)["offset"] ?? "") ?? 0)
            let people = try await BlockingThread.run(name: "crmservice.console-people") {
                try candidates.unknownPeople(offset: offset, limit: peoplePageSize + 1)
            }
            let back = "/review/people" + (offset > 0 ? "?offset=\(offset)" : "")
            var data: [String: Any] = [
                "people": people.prefix(peoplePageSize).map { peopleRow($0, back: back) },
            ]
            if offset > 0 { data["previous"] = "/review/people?offset=\(max(0, offset - peoplePageSize))" }
            if people.count > peoplePageSize { data["next"] = "/review/people?offset=\(offset + peoplePageSize)" }
            return try context.page(title: "Review by person", template: "people", data)
        }

        router.post("/review/reject") { _, context in
            let login = try context.require(.review)
            let form = context.form
            guard let address = form["address"].flatMap(EmailAddress.init),
                  let contact = form["contact"].map({ $0.trimmingCharacters(in: .whitespaces) }), !contact.isEmpty else {
                return try context.page(title: "Not rejected", template: "error",
                                        ["message": "A rejection needs an address and a contact.",
                                         "back": "/review/people"], status: .badRequest)
            }
            let now = services.now()
            do {
                try await BlockingThread.run(name: "crmservice.console-reject") {
                    try candidates.rejectSuggestion(address: address, contact: ContactID(contact),
                                                    actor: login.user.rawValue, origin: .console, at: now)
                }
            } catch {
                return try context.page(title: "Not rejected", template: "error",
                                        ["message": "\(error)", "back": "/review/people"], status: .badRequest)
            }
            return context.redirect(to: LocalPath.safe(form["next"] ?? "/review/people"))
        }
    }

    /// `text` as a query value: `+` and `@` and everything but unreserved characters escaped.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    static func peopleRow(_ person: UnknownPerson, back: String) -> [String: Any] {
        var row: [String: Any] = [
            "address": person.address.value,
            "displayName": person.displayName ?? "",
            "openEntries": person.openEntries,
            "newestSubject": person.newestSubject ?? "",
            "newestDate": person.newestDate.map(MailboxHealth.utc) ?? "",
            "entriesHref": "/review?q=" + queryValue(person.address.value),
            "back": back,
        ]
        if let best = person.bestCandidate {
            row["candidate"] = [
                "contact": best.contact.rawValue, "contactName": best.contactName, "accountName": best.accountName,
                "explanation": best.explanation,
            ]
        }
        return row
    }
}
