import CRMCore

/// The address of an ATTENDEE or ORGANIZER (a CAL-ADDRESS, RFC 5545 §3.3.3): `mailto:` in any case, the rest an
/// e-mail address compared like mail participants (§2).
public enum CalendarAddress {
    /// The e-mail address of a `mailto:` URI; nil for any other URI or a value without a usable address.
    public static func email(_ value: some Collection<UInt8>) -> EmailAddress? {
        let text = String(decoding: value, as: UTF8.self).trimmingASCIIWhitespace()
        guard text.utf8.count > 7, text.prefix(7).lowercased() == "mailto:" else { return nil }
        var address = String(text.dropFirst(7))
        // `mailto:a@b?subject=…` carries header fields after `?`; some producers percent-encode `@`.
        if let query = address.firstIndex(of: "?") { address = String(address[..<query]) }
        address = address.replacingPercentAt()
        return EmailAddress(address)
    }

    /// The value written for an address.
    public static func value(_ address: EmailAddress) -> [UInt8] {
        Array("mailto:\(address.value)".utf8)
    }
}

private extension String {
    func replacingPercentAt() -> String {
        guard contains("%40") else { return self }
        return split(separator: "%40", omittingEmptySubsequences: false).joined(separator: "@")
    }
}
