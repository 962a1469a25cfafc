extension IMAPResponseParser {
    /// RFC 3501 §7.4.2: `* n FETCH (UID u RFC822.SIZE s)` (items in any order) → the size per UID. Replies without
    /// both items are skipped. RFC 9051 allows 63-bit sizes; anything that is not a number is skipped.
    static func sizesByUID(_ bytes: [UInt8]) -> [UInt32: Int] {
        var result: [UInt32: Int] = [:]
        for line in untaggedLines(bytes) {
            let words = line.split(separator: UInt8(ascii: " ")).map { word in
                word.drop { $0 == UInt8(ascii: "(") }.reversed().drop { $0 == UInt8(ascii: ")") }.reversed()
            }
            guard words.count >= 2, String(decoding: words[1], as: UTF8.self).uppercased() == "FETCH" else { continue }
            var uid: UInt32?
            var size: Int?
            var index = 2
            while index + 1 < words.count {
                switch String(decoding: words[index], as: UTF8.self).uppercased() {
                case "UID": uid = number(ArraySlice(words[index + 1]))
                case "RFC822.SIZE": size = size64(ArraySlice(words[index + 1]))
                default: break
                }
                index += 1
            }
            if let uid, let size { result[uid] = size }
        }
        return result
    }

    /// A non-negative number of up to 18 digits (RFC 9051 `number64`), nil otherwise.
    private static func size64(_ s: ArraySlice<UInt8>) -> Int? {
        guard !s.isEmpty, s.count <= 18 else { return nil }
        var n = 0
        for b in s {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }
}
