// STUB (owned by the header half of the parser): replace wholesale.

/// RFC 5322 §3.4 address lists (with groups, comments, obsolete forms), repaired the way mail clients do.
enum AddressListParser {
    static func parse(_ raw: ArraySlice<UInt8>, options: MIMEParser.Options,
                      defects: inout [MIMEDefect]) -> [MailAddress] {
        String(decoding: raw, as: UTF8.self).split(separator: ",").map {
            MailAddress(name: nil, address: String($0).trimmingCharactersASCIIWhitespace())
        }
    }
}
