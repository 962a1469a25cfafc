/// A resource's path on the server, as a multistatus `href` names it (RFC 4918 §8.3), in one spelling: the scheme
/// and host of an absolute href dropped, every octet outside the unreserved set and `/`, `@`, `:`, `+` percent-encoded
/// the same way, so that `/a/b%40c.ics` and `/a/b@c.ics` are the same resource.
public struct DAVHref: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let path: String

    public init(_ raw: String) {
        var text = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if let schemeEnd = text.range(of: "://") {
            let rest = text[schemeEnd.upperBound...]
            text = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        path = Self.encode(Self.decode(text))
    }

    /// `collection` + a name made of `uid` (its safe characters, else a hash of it) + `.ics`, for a new resource.
    public static func newResource(in collection: DAVHref, uid: String) -> DAVHref {
        let safe = uid.utf8.allSatisfy { Self.isNameOctet($0) } && !uid.isEmpty && uid.utf8.count <= 120
        let name = safe ? uid : Self.hexDigest(uid)
        return DAVHref(collection.path + name + ".ics")
    }

    public var description: String { path }
    public static func < (a: DAVHref, b: DAVHref) -> Bool { a.path < b.path }

    private static func isNameOctet(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x2E
            || c == 0x5F || c == 0x40
    }

    private static func isKept(_ c: UInt8) -> Bool {
        isNameOctet(c) || c == 0x7E || c == 0x2F || c == 0x3A || c == 0x2B
    }

    private static func decode(_ text: Substring) -> [UInt8] {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x25, i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    private static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for c in bytes {
            if isKept(c) { out.append(c) } else { out += [0x25, digits[Int(c >> 4)], digits[Int(c & 15)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }

    /// FNV-1a 64 twice (two seeds): a stable name for a UID with unsafe characters; collisions only cost a 412.
    private static func hexDigest(_ text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h = seed
            for c in text.utf8 { h = (h ^ UInt64(c)) &* 0x100000001b3 }
            return h
        }
        let a = String(fnv(0xcbf29ce484222325), radix: 16), b = String(fnv(0x84222325cbf29ce4), radix: 16)
        return String(repeating: "0", count: 16 - a.count) + a + String(repeating: "0", count: 16 - b.count) + b
    }
}
