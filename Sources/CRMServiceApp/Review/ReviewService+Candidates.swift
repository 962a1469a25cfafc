import CRMCore
import Foundation
import Store

/// The candidate contacts and the by-person view of the review queue on the command line (§8, §5).
extension ReviewService {
    /// `unmatched show ID`'s candidate lines: best first, each with its reasons.
    public func candidateLines(_ id: Int64, limit: Int = 10) throws -> [String] {
        let candidates = try ReviewCandidateService(database: database, policy: policy).candidates(forEntry: id, limit: limit)
        guard !candidates.isEmpty else { return ["candidates: none"] }
        return ["candidates:"] + candidates.enumerated().map { rank, candidate in
            "  \(rank + 1). \(Self.describe(candidate))"
        }
    }

    /// `unmatched people`: one line an address, tab-separated: address, open entries, newest date, display name,
    /// newest subject, best candidate.
    public func peopleLines(offset: Int, limit: Int) throws -> [String] {
        try ReviewCandidateService(database: database, policy: policy).unknownPeople(offset: offset, limit: limit).map {
            [$0.address.value, String($0.openEntries), $0.newestDate.map(ISO8601.utcString) ?? "-",
             Self.oneLine($0.displayName) ?? "-", Self.oneLine($0.newestSubject) ?? "",
             $0.bestCandidate.map(Self.describe) ?? "-"].joined(separator: "\t")
        }
    }

    /// `unmatched reject ADDRESS --contact CID`: the contact is never suggested again for the address.
    public func reject(address raw: String, contact: String, actor: String, at time: Date = Date()) throws {
        guard let address = EmailAddress(raw) else { throw ReviewInputError(message: "\(raw) is not an address") }
        do {
            try ReviewCandidateService(database: database, policy: policy)
                .rejectSuggestion(address: address, contact: ContactID(contact), actor: actor, at: time)
        } catch let error as NoSuchContact {
            throw ReviewInputError(message: error.description)
        }
    }

    static func describe(_ candidate: CandidateContact) -> String {
        "\(candidate.contact) \(candidate.contactName) (account \(candidate.account) \(candidate.accountName)): "
            + candidate.explanation
    }

    /// Tabs and line breaks of a header value would break the line format.
    static func oneLine(_ text: String?) -> String? {
        text.map { String($0.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 }) }
    }
}
