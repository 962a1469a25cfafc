/// The addresses the configuration gives capture special treatment: never-capture (§4.9) and capture addresses.
///
/// - Never-capture addresses and domains make any message that names them, in any address field, ignored `excluded`.
///   A domain covers its subdomains (`example.org` covers `mail.example.org`, not `badexample.org`).
/// - Capture addresses are the company's own collecting mailboxes (e.g. `crm@company.example`, often in Bcc and then in
///   `Delivered-To`). They are neither users nor contacts: among recipients they are disregarded, so an outgoing mail
///   from a user to a colleague with the capture address in Bcc is `internal`, not `no_contact_recipient`, and no
///   pseudo-user is linked to every activity. As a sender a capture address is not disregarded (it is just unknown
///   unless it is also a user's address).
public struct CapturePolicy: Sendable, Hashable {
    public var neverCaptureAddresses: Set<EmailAddress>
    /// Lower-case domains without a leading `@` or `.`.
    public var neverCaptureDomains: Set<String>
    public var captureAddresses: Set<EmailAddress>

    /// `neverCaptureDomains` are normalised (trimmed, lower-cased, a leading `@` or `.` dropped; empty ones dropped).
    public init(
        neverCaptureAddresses: Set<EmailAddress> = [], neverCaptureDomains: some Sequence<String> = [String](),
        captureAddresses: Set<EmailAddress> = []
    ) {
        self.neverCaptureAddresses = neverCaptureAddresses
        self.neverCaptureDomains = Set(neverCaptureDomains.compactMap { raw in
            var domain = Substring(raw.trimmingASCIIWhitespace().lowercased())
            while domain.first == "@" || domain.first == "." { domain = domain.dropFirst() }
            return domain.isEmpty ? nil : String(domain)
        })
        self.captureAddresses = captureAddresses
    }

    /// Why `address` must never be captured, nil when it may be.
    public func exclusion(of address: EmailAddress) -> Exclusion? {
        if neverCaptureAddresses.contains(address) { return .address }
        var domain = address.domain
        while true {
            if neverCaptureDomains.contains(String(domain)) { return .domain(String(domain)) }
            guard let dot = domain.firstIndex(of: ".") else { return nil }
            domain = domain[domain.index(after: dot)...]
        }
    }

    /// Whether `address` is a capture address (disregarded among recipients).
    public func isCaptureAddress(_ address: EmailAddress) -> Bool { captureAddresses.contains(address) }

    /// Which never-capture entry an address falls under.
    public enum Exclusion: Sendable, Hashable {
        /// The address itself is listed.
        case address
        /// The listed domain (the address's domain or one it is a subdomain of).
        case domain(String)
    }
}
