import CRMCore
import Foundation

/// What an entry's template (`review-item`) shows: the message (headers, text, attachments), the capture trail and
/// the actions on it, the ranked candidates (`data-candidate-contact`, best first), and the forms: assign, dismiss,
/// remember, add the contact, reprocess (or, for a flagged activity, keep/exclude).
struct ReviewItemView {
    struct Field {
        var name: String
        var value: String
    }

    struct File {
        var href: String
        var name: String
        var type: String
        var size: Int
    }

    struct Candidate {
        var contact: String
        var contactName: String
        var account: String
        var accountName: String
        var why: String
    }

    struct Action {
        var at: String
        var actor: String
        var action: String
        var detail: String
    }

    struct Choice {
        var account: String
        var name: String
        var chosen: Bool
    }

    var id: Int64
    var activity: Bool
    var open: Bool
    var unreadable: Bool
    var reason: String
    var status: String
    var subjectLine: String
    var sender: String
    var hasSender: Bool
    var senderName: String
    var when: String
    var headers: [Field]
    var text: String
    var fromHTML: Bool
    var files: [File]
    var hasFiles: Bool
    var rawHref: String
    var rawSize: Int
    var copies: Int
    var sources: [Field]
    var trail: String
    var assignedTo: String?
    var dismissedWhy: String?
    var actions: [Action]
    var candidates: [Candidate]
    var hasCandidates: Bool
    var choices: [Choice]
    var suggestedName: String

    init(detail: ReviewItemDetail, candidates found: [CandidateContact], choices offered: [ReviewAccountChoice]) {
        let base = detail.ref.kind == .activity ? "/review/activities/\(detail.ref.id)" : "/review/\(detail.ref.id)"
        id = detail.ref.id
        activity = detail.ref.kind == .activity
        open = detail.status == "open"
        unreadable = detail.isUnreadable
        reason = detail.reason
        status = detail.status
        subjectLine = detail.subject ?? "(no subject)"
        sender = detail.fromAddress ?? ""
        hasSender = !sender.isEmpty
        senderName = detail.fromName ?? ""
        when = detail.date.map(ReviewListView.utc) ?? "(no date)"
        headers = detail.headers.map { Field(name: $0.name, value: $0.value) }
        text = detail.text
        fromHTML = detail.textIsFromHTML
        files = detail.attachments.map { attachment in
            File(href: "\(base)/attachments/\(attachment.index)",
                 name: ReviewDownload.safeFileName(attachment.filename, fallback: "attachment-\(attachment.index + 1)"),
                 type: attachment.contentType, size: attachment.size)
        }
        hasFiles = !files.isEmpty
        rawHref = "\(base)/raw"
        rawSize = detail.rawSize
        copies = detail.copies
        sources = detail.sources.map { Field(name: $0.mailbox, value: $0.ref) }
        trail = detail.captureTrail
        assignedTo = detail.assignedContact?.rawValue
        dismissedWhy = detail.dismissReason
        actions = detail.actions.map {
            Action(at: ReviewListView.utc($0.at), actor: $0.actor, action: $0.action, detail: $0.detail)
        }
        candidates = found.map { candidate in
            Candidate(contact: candidate.contact.rawValue, contactName: candidate.contactName,
                      account: candidate.account.rawValue, accountName: candidate.accountName,
                      why: candidate.reasons.map(Self.words).joined(separator: "; "))
        }
        hasCandidates = !found.isEmpty
        let preselected = offered.first { $0.sharesDomain }?.account
        choices = offered.map { Choice(account: $0.account.rawValue, name: $0.name, chosen: $0.account == preselected) }
        suggestedName = detail.fromName ?? ""
    }

    static func words(_ reason: CandidateContact.Reason) -> String {
        switch reason {
        case .accountSharesDomain(let domain): "other contacts of the account are at \(domain)"
        case .earlierAssignment(let count): "mail from this address was assigned to this contact \(count)×"
        case .sameDisplayName: "same name as the sender"
        case .sameThread: "takes part in the same thread"
        }
    }
}
