import CRMCore

/// The address of an ATTENDEE or ORGANIZER (a CAL-ADDRESS, RFC 5545 §3.3.3): `mailto:` in any case, the rest an
/// e-mail address compared like mail participants (§2).
public enum CalendarAddress {
    private static let mailto = Array("mailto:".utf8)

    /// The e-mail address of a `mailto:` URI; nil for any other URI or a value without a usable address.
    public static func email(_ value: some Collection<UInt8>) -> EmailAddress? {
        var bytes = Array(value)[...]
        while let b = bytes.first, b == 0x20 || b == 0x09 { bytes = bytes.dropFirst() }
        guard bytes.count > mailto.count,
              zip(bytes.prefix(mailto.count), mailto).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        bytes = bytes.dropFirst(mailto.count)
        // `mailto:a@b?subject=…` carries header fields after `?`.
        if let query = bytes.firstIndex(of: 0x3F) { bytes = bytes[..<query] }
        // Some producers percent-encode the `@`.
        var address: [UInt8] = []
        address.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x25, i + 2 < bytes.endIndex, bytes[i + 1] == 0x34, bytes[i + 2] == 0x30 {
                address.append(0x40)
                i += 3
            } else {
                address.append(bytes[i])
                i += 1
            }
        }
        return EmailAddress(String(decoding: address, as: UTF8.self))
    }

    /// The value written for an address.
    public static func value(_ address: EmailAddress) -> [UInt8] {
        Array("mailto:\(address.value)".utf8)
    }
}
