/// RFC 2045 §6.8 base64, decoded the tolerant way mail clients do.
///
/// Characters outside the alphabet are skipped (whitespace silently, anything else with a defect); `=` closes the
/// current quantum and decoding resumes after it, so concatenated blocks and stray padding survive; a missing final
/// padding is forgiven. The decoder is a small state machine so that callers may feed the input in chunks.
struct Base64Decoder {
    /// Decoded value of each byte, or 0xFF for "not in the alphabet", 0xFE for `=`, 0xFD for whitespace.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "="))] = 0xFE
        for c in [0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C] as [UInt8] { t[Int(c)] = 0xFD }
        return t
    }()

    private var accumulator: UInt32 = 0
    private var count = 0
    /// Set once something that is not base64 was skipped, or a quantum was left dangling.
    private(set) var sawJunk = false

    /// The most bytes `decode` can write for `inputCount` input bytes.
    static func maxOutput(for inputCount: Int) -> Int { (inputCount / 4 + 1) * 3 }

    /// Decodes `input` into `output` (room for `maxOutput(for: input.count)`), returns the bytes written.
    mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var out = 0
        var acc = accumulator
        var n = count
        Base64Decoder.table.withUnsafeBufferPointer { table in
            let end = input.count
            var i = 0
            while i < end {
                // Fast path: a whole quantum of alphabet characters (the usual 76-character line is 19 of them).
                if n == 0 && i + 4 <= end {
                    let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                    let c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
                    if (a | b | c | d) < 64 {
                        let quad = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        output[out] = UInt8(truncatingIfNeeded: quad >> 16)
                        output[out + 1] = UInt8(truncatingIfNeeded: quad >> 8)
                        output[out + 2] = UInt8(truncatingIfNeeded: quad)
                        out += 3
                        i += 4
                        continue
                    }
                }
                let byte = input[i]
                i += 1
                let v = table[Int(byte)]
                if v < 64 {
                    acc = (acc << 6) | UInt32(v)
                    n += 1
                    if n == 4 {
                        output[out] = UInt8(truncatingIfNeeded: acc >> 16)
                        output[out + 1] = UInt8(truncatingIfNeeded: acc >> 8)
                        output[out + 2] = UInt8(truncatingIfNeeded: acc)
                        out += 3
                        n = 0
                        acc = 0
                    }
                } else if v == 0xFE {
                    out += Base64Decoder.flush(acc, n, into: output + out, junk: &sawJunk)
                    n = 0
                    acc = 0
                } else if v == 0xFF {
                    sawJunk = true
                }
            }
        }
        accumulator = acc
        count = n
        return out
    }

    /// Writes what is left of an unpadded final quantum; call once after the last chunk.
    mutating func finish(into output: UnsafeMutablePointer<UInt8>) -> Int {
        let written = Base64Decoder.flush(accumulator, count, into: output, junk: &sawJunk)
        accumulator = 0
        count = 0
        return written
    }

    private static func flush(_ acc: UInt32, _ n: Int, into output: UnsafeMutablePointer<UInt8>,
                              junk: inout Bool) -> Int {
        switch n {
        case 2:
            output[0] = UInt8(truncatingIfNeeded: acc >> 4)
            return 1
        case 3:
            output[0] = UInt8(truncatingIfNeeded: acc >> 10)
            output[1] = UInt8(truncatingIfNeeded: acc >> 2)
            return 2
        case 1:
            // Six bits cannot make a byte: drop them, as every decoder does.
            junk = true
            return 0
        default:
            return 0
        }
    }
}
