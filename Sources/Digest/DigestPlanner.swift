import CRMCore
import Foundation
import MailMIME

/// Decides who is sent which entries (§11); pure, no I/O.
///
/// - An entry `no_contact_recipient` goes to the users its sender (the first `From` address) stands for; one
///   `unknown_sender` to the users among its recipients (`To`, `Cc`, `Delivered-To`, `X-Original-To`, as §4.3 reads
///   them). Both are read again from the stored message against today's address book.
/// - A user's period starts at their last accepted digest, or `firstPeriod` before `now`; an entry already sent to
///   the user is never listed again. A user with nothing to list, or without an address, gets nothing.
public struct DigestPlanner: Sendable {
    public var book: AddressBook
    /// `admin.public_url`, ending in `/`.
    public var publicURL: String
    /// The period of a user's first digest (seven days).
    public static let firstPeriod: TimeInterval = 7 * 86_400

    public init(book: AddressBook, publicURL: String) {
        self.book = book
        self.publicURL = publicURL.hasSuffix("/") ? publicURL : publicURL + "/"
    }

    /// The earliest capture time any user's period reaches back to.
    public static func earliestStart(of recipients: [DigestRecipient], now: Date) -> Date {
        recipients.map { start(of: $0, now: now) }.min() ?? now
    }

    static func start(of recipient: DigestRecipient, now: Date) -> Date {
        recipient.lastDigest ?? now.addingTimeInterval(-firstPeriod)
    }

    /// The digests to send, in user order.
    public func plan(recipients: [DigestRecipient], candidates: [DigestCandidate], alreadySent: [UserID: Set<Int64>],
                     now: Date) -> [UserDigest] {
        var byUser: [UserID: [DigestEntry]] = [:]
        let starts = Dictionary(recipients.map { ($0.user, Self.start(of: $0, now: now)) }, uniquingKeysWith: { a, _ in a })
        let parser = MIMEParser(options: { var o = MIMEParser.Options(); o.keepAttachmentData = false; return o }())
        for candidate in candidates {
            let message = parser.parse(Self.headerSection(candidate.header))
            let (users, unknown) = concerned(candidate.reason, message)
            let entry = DigestEntry(entry: candidate.entry, reason: candidate.reason, subject: candidate.subject,
                                    date: candidate.date ?? candidate.capturedAt, unknownAddresses: unknown,
                                    link: "\(publicURL)review/\(candidate.entry)")
            for user in users {
                guard let start = starts[user], candidate.capturedAt >= start,
                      !(alreadySent[user]?.contains(candidate.entry) ?? false) else { continue }
                byUser[user, default: []].append(entry)
            }
        }
        return recipients.compactMap { recipient in
            guard let address = recipient.address, let entries = byUser[recipient.user], !entries.isEmpty else { return nil }
            return UserDigest(user: recipient.user, name: recipient.name, address: address,
                              since: Self.start(of: recipient, now: now), entries: entries)
        }
    }

    /// The users an entry goes to and the addresses nobody has.
    func concerned(_ reason: DigestCandidate.Reason, _ message: ParsedMessage) -> (Set<UserID>, [EmailAddress]) {
        let sender = message.from.first.flatMap { EmailAddress($0.address) }
        var recipients: [EmailAddress] = []
        for entry in message.to + message.cc + message.deliveredTo + message.xOriginalTo {
            guard let address = EmailAddress(entry.address), !book.policy.isCaptureAddress(address),
                  !recipients.contains(address) else { continue }
            recipients.append(address)
        }
        switch reason {
        case .noContactRecipient:
            let users = sender.map { Set(book.users(for: $0)) } ?? []
            let unknown = recipients.filter { book.users(for: $0).isEmpty && book.contacts(for: $0).isEmpty }
            return (users, unknown)
        case .unknownSender:
            let users = Set(recipients.flatMap { book.users(for: $0) })
            return (users, sender.map { [$0] } ?? [])
        }
    }

    /// The bytes up to and including the blank line that ends the header section (all of them when there is none):
    /// the body is not needed, and may be cut short by the store.
    static func headerSection(_ bytes: [UInt8]) -> [UInt8] {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A {
                if bytes[i + 1] == 0x0A { return Array(bytes[...(i + 1)]) }
                if bytes[i + 1] == 0x0D, i + 2 < bytes.count, bytes[i + 2] == 0x0A { return Array(bytes[...(i + 2)]) }
            }
            i += 1
        }
        return bytes
    }
}
