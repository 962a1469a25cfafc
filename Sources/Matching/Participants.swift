import CRMCore
import MailMIME

/// The sender and recipients of a message (§4.3) and what each stands for (§2).
///
/// - The sender is the first address of `From`, only: `Sender`, `Reply-To` and later `From` addresses do not count.
///   An empty `From`, or a first address that is not an address, means no sender (then `unknown_sender`).
/// - Recipients are `To`, `Cc`, `Delivered-To` and `X-Original-To`, in that order; `Bcc` does not count. An address is
///   taken once (first field wins); the sender may be a recipient too and then counts as one. Empty entries (groups,
///   bare display names) are skipped; other entries that are no address count as unknown recipients. Capture
///   addresses (`CapturePolicy`) are disregarded.
/// - Display names never count; addresses are compared trimmed and lower-cased (`EmailAddress`).
/// - An address of a user stands for that user (all users sharing it), even when contacts have it too (§2: a user
///   address wins); otherwise for all contacts that have it.
struct Participants {
    struct Participant {
        var address: EmailAddress
        var field: AddressField
        var resolution: AddressResolution
    }

    var sender: Participant?
    /// §11: the users who forwarded the message to the capture address: linked, neither sender nor recipient.
    var forwarders: [Participant] = []
    var recipients: [Participant] = []
    /// Recipient entries that are not addresses.
    var unreadableRecipients = 0
    var audit: [AuditEntry] = []

    init(_ message: ParsedMessage, book: AddressBook) {
        for entry in message.forwardedBy {
            guard let address = EmailAddress(entry.address) else { continue }
            let resolution = Self.resolve(address, book: book)
            forwarders.append(Participant(address: address, field: .from, resolution: resolution))
            audit.append(.forwardedBy(address, form: message.forwarded?.form.rawValue ?? "", resolution))
        }
        if let first = message.from.first, let address = EmailAddress(first.address) {
            let resolution = Self.resolve(address, book: book)
            sender = Participant(address: address, field: .from, resolution: resolution)
            audit.append(.participant(address, role: .sender, field: .from, resolution))
        } else {
            audit.append(.noSender)
        }
        var seen: Set<EmailAddress> = []
        let fields: [(AddressField, [MailAddress])] = [
            (.to, message.to), (.cc, message.cc), (.deliveredTo, message.deliveredTo), (.xOriginalTo, message.xOriginalTo),
        ]
        for (field, list) in fields {
            for entry in list {
                let raw = entry.address.trimmingASCIIWhitespace()
                guard !raw.isEmpty else { continue }
                guard let address = EmailAddress(raw) else {
                    unreadableRecipients += 1
                    audit.append(.unreadableAddress(raw, field: field))
                    continue
                }
                guard seen.insert(address).inserted else { continue }
                if book.policy.isCaptureAddress(address) {
                    audit.append(.captureAddressDisregarded(address, field: field))
                    continue
                }
                let resolution = Self.resolve(address, book: book)
                recipients.append(Participant(address: address, field: field, resolution: resolution))
                audit.append(.participant(address, role: .recipient, field: field, resolution))
            }
        }
    }

    /// §2: a user address wins over a contact address; a shared contact address stands for all its contacts.
    static func resolve(_ address: EmailAddress, book: AddressBook) -> AddressResolution {
        let users = book.users(for: address)
        let contacts = book.contacts(for: address)
        if !users.isEmpty { return .users(users, shadowedContacts: contacts) }
        if !contacts.isEmpty { return .contacts(contacts) }
        return .unknown
    }

    /// Sender and recipients, and the users who forwarded the message (§11).
    var all: [Participant] { (sender.map { [$0] } ?? []) + recipients + forwarders }

    var hasUserRecipient: Bool { recipients.contains { !$0.resolution.users.isEmpty } }
    var hasContactRecipient: Bool { recipients.contains { !$0.resolution.contacts.isEmpty } }
    /// At least one recipient, and every one a user.
    var allRecipientsUsers: Bool {
        !recipients.isEmpty && unreadableRecipients == 0 && recipients.allSatisfy { !$0.resolution.users.isEmpty }
    }
}
