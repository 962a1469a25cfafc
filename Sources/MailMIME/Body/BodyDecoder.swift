/// Removes a transfer encoding from a byte range of the message, either keeping the result or only counting it.
///
/// Output is written once into a buffer sized from the input (base64 ≤ ¾, the others ≤ 1×), so a big attachment
/// costs one decoded copy at most, and none when only its size is wanted.
enum BodyDecoder {
    /// Input bytes per step when only counting base64, so memory stays flat whatever the attachment size.
    static let countingChunk = 1 << 16

    /// The decoded bytes of `range`.
    static func decode(_ bytes: [UInt8], _ range: Range<Int>, encoding: TransferEncoding,
                       defects: inout [MIMEDefect]) -> [UInt8] {
        switch encoding {
        case .identity:
            return Array(bytes[range])
        case .unknown:
            defects.append(.unknownTransferEncoding)
            return Array(bytes[range])
        case .base64, .quotedPrintable, .uuencode:
            var junk = false
            let result = bytes.withUnsafeBufferPointer { whole -> [UInt8] in
                let input = UnsafeBufferPointer(rebasing: whole[range])
                let capacity = encoding == .base64 ? Base64Decoder.maxOutput(for: input.count) : input.count
                return [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
                    count = run(encoding, input, into: buffer.baseAddress!, junk: &junk)
                }
            }
            if junk { defects.append(defect(for: encoding)) }
            return result
        }
    }

    /// The number of decoded bytes of `range`, without keeping them.
    static func decodedSize(_ bytes: [UInt8], _ range: Range<Int>, encoding: TransferEncoding,
                            defects: inout [MIMEDefect]) -> Int {
        switch encoding {
        case .identity:
            return range.count
        case .unknown:
            defects.append(.unknownTransferEncoding)
            return range.count
        case .quotedPrintable, .uuencode:
            // Rare for big parts; a throw-away decode keeps one code path for their many edge cases.
            return decode(bytes, range, encoding: encoding, defects: &defects).count
        case .base64:
            var decoder = Base64Decoder()
            var total = 0
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: Base64Decoder.maxOutput(for: countingChunk))
            defer { scratch.deallocate() }
            bytes.withUnsafeBufferPointer { whole in
                var start = range.lowerBound
                while start < range.upperBound {
                    let stop = min(start + countingChunk, range.upperBound)
                    total += decoder.decode(UnsafeBufferPointer(rebasing: whole[start..<stop]), into: scratch)
                    start = stop
                }
            }
            total += decoder.finish(into: scratch)
            if decoder.sawJunk { defects.append(.invalidBase64) }
            return total
        }
    }

    private static func run(_ encoding: TransferEncoding, _ input: UnsafeBufferPointer<UInt8>,
                            into output: UnsafeMutablePointer<UInt8>, junk: inout Bool) -> Int {
        switch encoding {
        case .base64:
            var decoder = Base64Decoder()
            var n = decoder.decode(input, into: output)
            n += decoder.finish(into: output + n)
            junk = decoder.sawJunk
            return n
        case .quotedPrintable:
            return QuotedPrintableDecoder.decode(input, into: output, sawJunk: &junk)
        case .uuencode:
            return UUDecoder.decode(input, into: output, sawJunk: &junk)
        case .identity, .unknown:
            for i in 0..<input.count { output[i] = input[i] }
            return input.count
        }
    }

    private static func defect(for encoding: TransferEncoding) -> MIMEDefect {
        switch encoding {
        case .base64: .invalidBase64
        case .quotedPrintable: .invalidQuotedPrintable
        case .uuencode: .invalidUUEncode
        case .identity, .unknown: .unknownTransferEncoding
        }
    }
}
