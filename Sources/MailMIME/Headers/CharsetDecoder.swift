#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes in a named charset to text, through glibc iconv; unknown charsets fall back and record a defect.
///
/// UTF-8, US-ASCII, ISO-8859-1 and windows-1252 are decoded in Swift (no iconv): they are most mail.
/// iconv descriptors come from `IconvPool` (opening one per call reloaded the gconv module each time).
enum CharsetDecoder {
    /// RFC 2045 §5.1 / RFC 2046 §4.1.2 (nil or empty means US-ASCII; 8-bit bytes then are read as UTF-8 and,
    /// failing that, in `options.fallbackCharset`).
    static func decode(_ bytes: ArraySlice<UInt8>, charset: String?, options: MIMEParser.Options,
                       defects: inout [MIMEDefect]) -> String {
        switch CharsetName.resolve(charset) {
        case .utf8:
            if ASCII.isAllASCII(bytes) || ASCII.isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
            defects.append(.invalidCharsetBytes)
            return String(decoding: bytes, as: UTF8.self)
        case .ascii:
            if ASCII.isAllASCII(bytes) || ASCII.isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
            defects.append(.invalidCharsetBytes)
            return decodeFallback(bytes, options: options)
        case .windows1252:
            return decodeWindows1252(bytes)
        case .iconv(let name):
            if ASCII.isAllASCII(bytes), CharsetName.isASCIICompatible(name) {
                return String(decoding: bytes, as: UTF8.self)
            }
            if let text = iconvDecode(bytes, from: name, defects: &defects) { return text }
            defects.append(.unknownCharset)
            return decodeFallback(bytes, options: options)
        }
    }

    /// Decodes with the fallback charset (used for non-UTF-8 header bytes); never records an unknown charset.
    static func decodeFallback(_ bytes: ArraySlice<UInt8>, options: MIMEParser.Options) -> String {
        var ignored: [MIMEDefect] = []
        switch CharsetName.resolve(options.fallbackCharset) {
        case .utf8, .ascii: return String(decoding: bytes, as: UTF8.self)
        case .windows1252: return decodeWindows1252(bytes)
        case .iconv(let name):
            return iconvDecode(bytes, from: name, defects: &ignored) ?? decodeWindows1252(bytes)
        }
    }

    /// True when iconv (or a Swift fast path) knows the charset.
    static func isKnown(_ charset: String) -> Bool {
        guard case .iconv(let name) = CharsetName.resolve(charset) else { return true }
        let cd = iconv_open("UTF-8", name)
        guard !isInvalid(cd) else { return false }
        iconv_close(cd)
        return true
    }

    /// windows-1252 (a superset of the printable ISO-8859-1, what mail labelled latin-1 really is); the five
    /// unassigned bytes map to the C1 controls as WHATWG does.
    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        if ASCII.isAllASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            if b < 0x80 { out.append(b); continue }
            let v = b < 0xA0 ? cp1252High[Int(b) - 0x80] : UInt16(b)
            if v < 0x800 {
                out.append(0xC0 | UInt8(v >> 6)); out.append(0x80 | UInt8(v & 0x3F))
            } else {
                out.append(0xE0 | UInt8(v >> 12)); out.append(0x80 | UInt8((v >> 6) & 0x3F))
                out.append(0x80 | UInt8(v & 0x3F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let cp1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x009D, 0x017E, 0x0178,
    ]

    @inline(__always)
    private static func isInvalid(_ cd: iconv_t?) -> Bool {
        cd == nil || Int(bitPattern: cd) == -1
    }

    /// nil when iconv does not know the charset. Invalid input bytes become U+FFFD (one byte skipped, as
    /// GMime does on EILSEQ) and record `invalidCharsetBytes` once.
    private static func iconvDecode(_ bytes: ArraySlice<UInt8>, from name: String,
                                    defects: inout [MIMEDefect]) -> String? {
        IconvPool.shared.withDescriptor(from: name) { cd in iconvDecode(bytes, with: cd, defects: &defects) }
    }

    private static func iconvDecode(_ bytes: ArraySlice<UInt8>, with cd: iconv_t,
                                    defects: inout [MIMEDefect]) -> String {
        var out = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
        var produced = 0
        var invalid = false
        var input = Array(bytes)
        input.withUnsafeMutableBufferPointer { inBuf in
            guard let inBase = inBuf.baseAddress else { return }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            while true {
                var outLeft = out.count - produced
                let rc: Int = out.withUnsafeMutableBufferPointer { outBuf in
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    let r = inLeft > 0 ? iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                                       : iconv(cd, nil, nil, &outPtr, &outLeft)
                    produced = outBuf.count - outLeft
                    return r
                }
                if rc != -1 {
                    if inLeft == 0 {
                        // Flush the shift state of stateful charsets (ISO-2022-JP) once.
                        var flushLeft = out.count - produced
                        if flushLeft < 16 { out.append(contentsOf: repeatElement(0, count: 16)); flushLeft += 16 }
                        out.withUnsafeMutableBufferPointer { outBuf in
                            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                                outBuf.baseAddress! + produced).assumingMemoryBound(to: CChar.self)
                            _ = iconv(cd, nil, nil, &outPtr, &flushLeft)
                            produced = outBuf.count - flushLeft
                        }
                        return
                    }
                    continue
                }
                switch errno {
                case E2BIG:
                    out.append(contentsOf: repeatElement(0, count: max(64, inLeft * 3)))
                case EILSEQ, EINVAL:
                    invalid = true
                    if out.count - produced < 3 { out.append(contentsOf: repeatElement(0, count: 64)) }
                    out[produced] = 0xEF; out[produced + 1] = 0xBF; out[produced + 2] = 0xBD
                    produced += 3
                    inPtr = inPtr.map { $0 + 1 }
                    inLeft -= 1
                    if inLeft == 0 { return }
                default:
                    return
                }
            }
        }
        if invalid { defects.append(.invalidCharsetBytes) }
        return String(decoding: out[0..<produced], as: UTF8.self)
    }
}
