import Capture
import CRMCore
import Foundation
import MailMIME
import Matching
import Store

extension ConsoleReviewQueue {
    /// The item's page: the stored facts, and what the parser reads in its first copy (headers, the body as text,
    /// attachments). For a flagged activity, which keeps no audit trail, the trail is the decision on its copies with
    /// today's address book (it names the never-capture address of the later copy).
    public func item(_ ref: ReviewItemRef) throws -> ReviewItemDetail? {
        guard let facts = try database.reviewItemFacts(ref) else { return nil }
        let parsed = facts.copies.first.map { parser.parse($0.bytes) } ?? ParsedMessage()
        var trail = facts.captureTrail
        if ref.kind == .activity {
            let book = try database.addressBook(policy: policy)
            let copies = facts.copies.map { parser.parse($0.bytes) }
            let merged = Matcher.mergeCopies(copies.first ?? ParsedMessage(), Array(copies.dropFirst()), book: book)
            trail = Matcher.decide(merged, identity: facts.identity, book: book).audit.description
        }
        let headers = parsed.headers.map { field in
            ReviewItemDetail.Header(name: field.name, value: Self.unfolded(field.rawValue))
        }
        let attachments = parsed.attachments.enumerated().map { index, attachment in
            ReviewItemDetail.Attachment(index: index, filename: attachment.filename,
                                        contentType: attachment.contentType, size: attachment.size)
        }
        return ReviewItemDetail(
            ref: ref, reason: facts.reason, status: facts.status, messageID: facts.messageID, date: facts.date,
            fromAddress: facts.fromAddress, fromName: facts.fromName ?? parsed.from.first?.name,
            subject: facts.subject ?? parsed.subject, headers: headers, text: parsed.text,
            textIsFromHTML: parsed.textIsFromHTML, attachments: attachments, sources: facts.sources,
            copies: facts.copies.count, rawSize: facts.copies.first?.bytes.count ?? 0, captureTrail: trail,
            assignedContact: facts.assignedContact, dismissReason: facts.dismissReason, actions: facts.actions)
    }

    /// A raw header value as one line of text (folding removed, blanks trimmed); bytes that are not UTF-8 become
    /// replacement characters.
    static func unfolded(_ raw: ArraySlice<UInt8>) -> String {
        String(decoding: raw, as: UTF8.self)
            .split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingASCIIWhitespace() }.joined(separator: " ")
    }
}
