/// The `Content-Transfer-Encoding` of an entity (RFC 2045 §6), reduced to what decoding needs.
enum TransferEncoding: Sendable, Equatable {
    /// `7bit`, `8bit`, `binary`, or no header: the body is its own content.
    case identity
    case base64
    case quotedPrintable
    /// `x-uuencode`, `uuencode`, `x-uue` (not in any RFC, still sent).
    case uuencode
    /// Anything else: taken as it is, with a defect.
    case unknown

    /// Reads the header value (raw, possibly folded, any case). A missing or empty value is `identity`.
    ///
    /// RFC 2045 §6.1: `encoding := "Content-Transfer-Encoding" ":" mechanism`,
    /// `mechanism := "7bit" / "8bit" / "binary" / "quoted-printable" / "base64" / ietf-token / x-token`
    init(headerValue raw: ArraySlice<UInt8>?) {
        guard let raw else { self = .identity; return }
        var token: [UInt8] = []
        token.reserveCapacity(16)
        for byte in raw {
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A, 0x22: continue // blanks, folding and stray quotes
            case 0x3B, 0x28: break // ";" or a comment ends the token
            default:
                token.append(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0))
                continue
            }
            break
        }
        switch String(decoding: token, as: UTF8.self) {
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit": self = .identity
        case "base64": self = .base64
        case "quoted-printable", "quotedprintable": self = .quotedPrintable
        case "x-uuencode", "uuencode", "x-uue", "uue": self = .uuencode
        default: self = .unknown
        }
    }
}
