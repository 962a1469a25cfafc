/// A charset label from a message, normalised: the Swift fast paths, or the name to hand to iconv.
///
/// Labels are mapped the way mail clients read them (WHATWG Encoding Standard §4.2 for the Web's supersets):
/// Latin-1 is read as windows-1252, GB2312 as GB18030, KS C 5601 / EUC-KR as CP949, Shift_JIS as CP932.
enum CharsetName: Equatable {
    case utf8
    /// US-ASCII or no charset: 8-bit bytes are read as UTF-8, else in the fallback charset.
    case ascii
    case windows1252
    case iconv(String)

    /// Resolves a label (case, blanks, quotes and `*language` suffixes of RFC 2231 §5 ignored).
    static func resolve(_ label: String?) -> CharsetName {
        guard let label else { return .ascii }
        // The labels of nearly all mail, without allocating.
        if ASCII.equalsIgnoringCase(label, "utf-8") { return .utf8 }
        if ASCII.equalsIgnoringCase(label, "us-ascii") { return .ascii }
        if ASCII.equalsIgnoringCase(label, "iso-8859-1") || ASCII.equalsIgnoringCase(label, "windows-1252") {
            return .windows1252
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(label.utf8.count)
        for b in label.utf8 {
            if b == ASCII.star { break }
            if ASCII.isBlank(b) || b == ASCII.quote || b == 0x27 { continue }
            bytes.append(ASCII.lower(b))
        }
        if bytes.isEmpty { return .ascii }
        let name = String(decoding: bytes, as: UTF8.self)
        if let alias = aliases[name] { return alias }
        if name.hasPrefix("windows-") || name.hasPrefix("win-") {
            return .iconv("CP" + name.drop { $0 != "-" }.dropFirst())
        }
        if name.hasPrefix("x-") {
            let rest = String(name.dropFirst(2))
            if let alias = aliases[rest] { return alias }
        }
        return .iconv(name.uppercased())
    }

    /// Charsets whose bytes below 0x80 are ASCII, so pure-ASCII input needs no conversion.
    static func isASCIICompatible(_ iconvName: String) -> Bool {
        !(iconvName.hasPrefix("UTF-16") || iconvName.hasPrefix("UTF-32") || iconvName.hasPrefix("UCS")
            || iconvName.hasPrefix("UTF-7") || iconvName.hasPrefix("UNICODE") || iconvName.hasPrefix("ISO-2022")
            || iconvName.hasPrefix("ISO2022") || iconvName.hasPrefix("HZ") || iconvName.hasPrefix("IBM")
            || iconvName.hasPrefix("CP037") || iconvName.hasPrefix("EBCDIC") || iconvName.hasPrefix("CP500")
            || iconvName.hasPrefix("CP1026") || iconvName.hasPrefix("CP875"))
    }

    private static let aliases: [String: CharsetName] = [
        "utf-8": .utf8, "utf8": .utf8, "unicode-1-1-utf-8": .utf8, "unicode-2-0-utf-8": .utf8, "x-unicode20utf8": .utf8,
        "us-ascii": .ascii, "ascii": .ascii, "us": .ascii, "ansi_x3.4-1968": .ascii, "iso646-us": .ascii,
        "x-unknown": .ascii, "unknown": .ascii, "unknown-8bit": .ascii, "x-user-defined": .ascii, "default": .ascii,
        "iso-8859-1": .windows1252, "iso8859-1": .windows1252, "iso_8859-1": .windows1252, "latin1": .windows1252,
        "latin-1": .windows1252, "l1": .windows1252, "cp819": .windows1252, "iso-ir-100": .windows1252,
        "iso_8859-1:1987": .windows1252, "iso88591": .windows1252,
        "windows-1252": .windows1252, "cp1252": .windows1252, "x-cp1252": .windows1252, "ansi": .windows1252,
        "ks_c_5601-1987": .iconv("CP949"), "ks_c_5601": .iconv("CP949"), "ksc5601": .iconv("CP949"),
        "ksc_5601": .iconv("CP949"), "euc-kr": .iconv("CP949"), "cp949": .iconv("CP949"), "uhc": .iconv("CP949"),
        "gb2312": .iconv("GB18030"), "gb_2312-80": .iconv("GB18030"), "gbk": .iconv("GB18030"),
        "euc-cn": .iconv("GB18030"), "cp936": .iconv("GB18030"), "chinese": .iconv("GB18030"),
        "gb18030": .iconv("GB18030"),
        "big5": .iconv("BIG5-HKSCS"), "big-5": .iconv("BIG5-HKSCS"), "cn-big5": .iconv("BIG5-HKSCS"),
        "big5-hkscs": .iconv("BIG5-HKSCS"), "cp950": .iconv("BIG5-HKSCS"),
        "shift_jis": .iconv("CP932"), "shift-jis": .iconv("CP932"), "sjis": .iconv("CP932"), "ms_kanji": .iconv("CP932"),
        "windows-31j": .iconv("CP932"), "cp932": .iconv("CP932"),
        "iso-8859-8-i": .iconv("ISO-8859-8"), "iso-8859-8-e": .iconv("ISO-8859-8"), "logical": .iconv("ISO-8859-8"),
        "visual": .iconv("ISO-8859-8"), "iso-8859-6-i": .iconv("ISO-8859-6"), "iso-8859-6-e": .iconv("ISO-8859-6"),
        "tis-620": .iconv("CP874"), "iso-8859-11": .iconv("CP874"), "windows-874": .iconv("CP874"),
        "macintosh": .iconv("MACINTOSH"), "mac": .iconv("MACINTOSH"), "mac-roman": .iconv("MACINTOSH"),
        "koi8r": .iconv("KOI8-R"), "koi8u": .iconv("KOI8-U"), "utf-16": .iconv("UTF-16"), "utf-7": .iconv("UTF-7"),
    ]
}
