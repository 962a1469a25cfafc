/// Mailbox names in IMAP's modified UTF-7 (RFC 3501 §5.1.3): printable US-ASCII stands for itself except `&`, which
/// is `&-`; any other run of characters is `&`, its UTF-16 code units in modified BASE64 (`,` instead of `/`, no `=`
/// padding), `-`. A configured folder such as `Erledigt/Kunden-Ä` goes on the wire as `Erledigt/Kunden-&AMQ-`.
public enum ModifiedUTF7 {
    /// The wire form of `name`.
    public static func encode(_ name: String) -> String {
        var out = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            out += "&" + base64(pending) + "-"
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if (0x20...0x7E).contains(scalar.value) {
                flush()
                out += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending.append(contentsOf: Array(String(scalar).utf16))
            }
        }
        flush()
        return out
    }

    /// The name a server sent (LIST, NAMESPACE). Malformed input (an 8-bit or control character, an unterminated or
    /// badly padded shift, a lone surrogate, a shift that encodes printable ASCII, two shifts in a row) throws rather
    /// than guessing: RFC 3501 §5.1.3 makes every name have exactly one form.
    public static func decode(_ wire: String) throws(MalformedModifiedUTF7) -> String {
        let bytes = Array(wire.utf8)
        var out = ""
        var index = 0
        var previousWasShift = false
        while index < bytes.count {
            let byte = bytes[index]
            guard (0x20...0x7E).contains(byte) else {
                throw MalformedModifiedUTF7(name: wire, offset: index, reason: "a byte outside printable US-ASCII")
            }
            guard byte == UInt8(ascii: "&") else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
                index += 1
                previousWasShift = false
                continue
            }
            guard let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "-")) else {
                throw MalformedModifiedUTF7(name: wire, offset: index, reason: "a shift with no closing -")
            }
            if end == index + 1 {
                out += "&"
                index = end + 1
                previousWasShift = false
                continue
            }
            guard !previousWasShift else {
                throw MalformedModifiedUTF7(name: wire, offset: index, reason: "two shifts in a row")
            }
            let units = try utf16(bytes[(index + 1)..<end], wire: wire, offset: index)
            var decoded = ""
            var iterator = units.makeIterator()
            var decoder = UTF16()
            decoding: while true {
                let scalar: Unicode.Scalar
                switch decoder.decode(&iterator) {
                case .scalarValue(let s): scalar = s
                case .emptyInput: break decoding
                case .error: throw MalformedModifiedUTF7(name: wire, offset: index, reason: "a lone surrogate")
                }
                guard !(0x20...0x7E).contains(scalar.value) else {
                    throw MalformedModifiedUTF7(name: wire, offset: index, reason: "printable ASCII inside a shift")
                }
                decoded.unicodeScalars.append(scalar)
            }
            out += decoded
            index = end + 1
            previousWasShift = true
        }
        return out
    }

    // MARK: Modified BASE64

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    private static func base64(_ units: [UInt16]) -> String {
        var bytes: [UInt8] = []
        for unit in units { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(0) { $0 | (Int($1.element) << (16 - 8 * $1.offset)) }
            for position in 0...chunk.count { out.append(alphabet[(value >> (18 - 6 * position)) & 0x3F]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The UTF-16 code units of a shifted run's modified BASE64; its leftover bits must be zero and make no whole
    /// byte (RFC 3501 §5.1.3 via RFC 2152: no padding).
    private static func utf16(_ text: ArraySlice<UInt8>, wire: String, offset: Int) throws(MalformedModifiedUTF7)
        -> [UInt16] {
        var bits = 0
        var count = 0
        var bytes: [UInt8] = []
        for char in text {
            guard let value = alphabet.firstIndex(of: char) else {
                throw MalformedModifiedUTF7(name: wire, offset: offset, reason: "a character outside modified BASE64")
            }
            bits = (bits << 6) | value
            count += 6
            if count >= 8 {
                count -= 8
                bytes.append(UInt8((bits >> count) & 0xFF))
                bits &= (1 << count) - 1
            }
        }
        guard bits == 0, count < 6, bytes.count % 2 == 0 else {
            throw MalformedModifiedUTF7(name: wire, offset: offset, reason: "a shift that does not end on a UTF-16 unit")
        }
        return stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }
}

/// A mailbox name from a server that is not valid modified UTF-7 (RFC 3501 §5.1.3).
public struct MalformedModifiedUTF7: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name as the server sent it.
    public var name: String
    /// Where in its bytes the fault starts.
    public var offset: Int
    public var reason: String

    public var description: String { "mailbox name \"\(name)\" is not modified UTF-7 (byte \(offset): \(reason))" }
}
