// STUB (owned by the header half of the parser): replace wholesale.

/// Bytes in a named charset to text, through glibc iconv; unknown charsets fall back and record a defect.
enum CharsetDecoder {
    static func decode(_ bytes: ArraySlice<UInt8>, charset: String?, options: MIMEParser.Options,
                       defects: inout [MIMEDefect]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
