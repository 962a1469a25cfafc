import CRMCore
import Foundation

/// The message that carries one user's digest, built here byte by byte (RFC 5322, RFC 2045–2047): multipart/alternative
/// with a text and an HTML part (every value escaped), both UTF-8 quoted-printable; `Auto-Submitted: auto-generated`
/// (RFC 3834) so that our own capture takes it for auto-generated mail (§4.2) and no auto-reply answers it.
public struct DigestMessage: Sendable {
    public var digest: UserDigest
    public var from: EmailAddress
    public var now: Date
    /// Times in the text are shown in this zone (the job's `time_zone`).
    public var zone: TimeZoneRules
    /// Unique per message: the boundary and the `Message-ID` derive from it.
    public var token: String

    public init(digest: UserDigest, from: EmailAddress, now: Date, zone: TimeZoneRules, token: String) {
        self.digest = digest
        self.from = from
        self.now = now
        self.zone = zone
        self.token = token
    }

    /// `Subject`: who it is for and how many messages, so a list of digests reads well.
    public var subject: String {
        let n = digest.entries.count
        let who = digest.name.isEmpty ? digest.user.rawValue : digest.name
        return "CRM digest for \(who): \(n) message\(n == 1 ? "" : "s") found no customer"
    }

    public var messageID: String { "digest.\(token)@\(from.domain)" }

    /// The whole message, CRLF line ends.
    public func bytes() -> [UInt8] {
        let boundary = "=_crm-digest-\(token)"
        let renderer = DigestRenderer(digest: digest, zone: zone)
        var out: [UInt8] = []
        out += HeaderEncoding.addressField("From", display: "CRMService", address: from)
        out += HeaderEncoding.addressField("To", display: digest.name, address: digest.address)
        out += HeaderEncoding.field("Subject", subject)
        out += HeaderEncoding.field("Date", Self.rfc5322Date(now))
        out += HeaderEncoding.field("Message-ID", "<\(messageID)>")
        out += HeaderEncoding.field("Auto-Submitted", "auto-generated")
        // Exchange and Outlook: no out-of-office or other automatic answer to this message.
        out += HeaderEncoding.field("X-Auto-Response-Suppress", "All")
        out += HeaderEncoding.field("MIME-Version", "1.0")
        out += HeaderEncoding.field("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
        out += Array("\r\nThis is a message in MIME format.\r\n".utf8)
        for (type, body) in [("text/plain", renderer.text()), ("text/html", renderer.html())] {
            out += Array("\r\n--\(boundary)\r\n".utf8)
            out += Array("Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            out += QuotedPrintable.encode(body)
        }
        out += Array("\r\n--\(boundary)--\r\n".utf8)
        return out
    }

    /// RFC 5322 §3.3 in UTC: `Fri, 04 Dec 2026 07:00:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let civil = CivilTime(seconds: seconds)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][civil.month - 1]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(two(civil.day)) \(month) \(civil.year) \(two(civil.hour)):\(two(civil.minute)):\(two(civil.second)) +0000"
    }
}
