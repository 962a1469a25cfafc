/// Something wrong with a message that the parser recovered from. The raw value is the stable name printed by
/// `parse --json` (`"defects"`), so cases may be added but never renamed.
public enum MIMEDefect: String, Sendable, Hashable, CaseIterable {
    /// No header block at all (the bytes do not start with a header field): `unparseable` in capture terms.
    case noHeaderBlock = "no_header_block"
    /// A line in the header block that is not a field and not a continuation.
    case malformedHeaderLine = "malformed_header_line"
    /// The header block exceeded `Options.maxHeaderBytes`; the rest of it was read as body.
    case headerBlockTooLarge = "header_block_too_large"
    /// More fields than `Options.maxHeaderCount`; the extra fields were dropped.
    case tooManyHeaderFields = "too_many_header_fields"
    /// A header with 8-bit bytes that are not UTF-8; decoded with the fallback charset.
    case nonUTF8Header = "non_utf8_header"
    /// An address list the parser had to repair (missing `>`, garbage after an address, bare names…).
    case malformedAddress = "malformed_address"
    /// An RFC 2047 encoded word that could not be decoded and was kept as written.
    case malformedEncodedWord = "malformed_encoded_word"
    /// A `Date` header that could not be read; `date` is null.
    case unreadableDate = "unreadable_date"
    /// A `Message-ID`, `In-Reply-To` or `References` value without a proper `<id>`.
    case malformedMessageID = "malformed_message_id"
    /// A `Content-Type` that could not be read; treated as `text/plain`.
    case malformedContentType = "malformed_content_type"
    /// A charset iconv does not know; the text was decoded with the fallback charset.
    case unknownCharset = "unknown_charset"
    /// Bytes invalid in their declared charset; replaced.
    case invalidCharsetBytes = "invalid_charset_bytes"
    /// A multipart without a boundary parameter; read as a single part.
    case missingBoundary = "missing_boundary"
    /// A multipart whose closing boundary never came.
    case missingClosingBoundary = "missing_closing_boundary"
    /// Nesting deeper than `Options.maxDepth`; deeper parts were kept as opaque attachments.
    case nestingTooDeep = "nesting_too_deep"
    /// A multipart whose boundary never occurs in its body; the body was read as a single text part.
    case boundaryNotFound = "boundary_not_found"
    /// More parts than `Options.maxParts`; the rest were dropped.
    case tooManyParts = "too_many_parts"
    /// Base64 with invalid characters or a bad length; the junk was skipped.
    case invalidBase64 = "invalid_base64"
    /// Quoted-printable with an invalid `=` escape; kept as written.
    case invalidQuotedPrintable = "invalid_quoted_printable"
    /// A uuencoded body that was cut short or malformed.
    case invalidUUEncode = "invalid_uuencode"
    /// An unknown `Content-Transfer-Encoding`; the body was taken as it is.
    case unknownTransferEncoding = "unknown_transfer_encoding"
    /// An `Order:N` whose number does not fit in 64 bits; kept by its digits (`ParsedMessage.largeOrderRefs`).
    case orderNumberOutOfRange = "order_number_out_of_range"
}
