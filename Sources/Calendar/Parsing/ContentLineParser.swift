/// Reads one unfolded content line (RFC 5545 §3.1):
///
///     contentline = name *(";" param ) ":" value CRLF
///     param       = param-name "=" param-value *("," param-value)
///     param-value = paramtext / quoted-string
enum ContentLineParser {
    /// The property on `bytes`, or nil (with a defect) when the line is not a content line.
    static func parse(_ bytes: [UInt8], line: Int, maxParameters: Int,
                      defects: inout [ICalDefect]) -> ICalProperty? {
        var i = 0
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        guard i > 0, i < bytes.count, bytes[i] == 0x3B || bytes[i] == 0x3A else {
            defects.append(ICalDefect(.malformedLine, line: line))
            return nil
        }
        let name = String(decoding: bytes[0..<i], as: UTF8.self).uppercased()
        var parameters: [ICalParameter] = []
        var reportedParameter = false
        func reportParameter() {
            if !reportedParameter { defects.append(ICalDefect(.malformedParameter, line: line)) }
            reportedParameter = true
        }
        while i < bytes.count, bytes[i] == 0x3B {
            i += 1
            let nameStart = i
            while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
            let parameterName = String(decoding: bytes[nameStart..<i], as: UTF8.self)
            guard i < bytes.count, bytes[i] == 0x3D, i > nameStart else {
                // Skip to the next parameter or the value: `;RSVP:mailto:…` loses only RSVP.
                reportParameter()
                while i < bytes.count, bytes[i] != 0x3B, bytes[i] != 0x3A { i += 1 }
                continue
            }
            i += 1
            var values: [String] = []
            while true {
                if i < bytes.count, bytes[i] == 0x22 {
                    let start = i + 1
                    guard let close = bytes[start...].firstIndex(of: 0x22) else {
                        defects.append(ICalDefect(.malformedLine, line: line))
                        return nil
                    }
                    values.append(decodeParameterValue(bytes[start..<close]))
                    i = close + 1
                } else {
                    let start = i
                    while i < bytes.count, bytes[i] != 0x3B, bytes[i] != 0x3A, bytes[i] != 0x2C { i += 1 }
                    values.append(decodeParameterValue(bytes[start..<i]))
                }
                guard i < bytes.count, bytes[i] == 0x2C else { break }
                i += 1
            }
            if parameters.count < maxParameters {
                parameters.append(ICalParameter(parameterName, values))
            } else {
                reportParameter()
            }
            if i < bytes.count, bytes[i] != 0x3B, bytes[i] != 0x3A {
                // Text after a closing quote: `;CN="A"B:…`. Skip it.
                reportParameter()
                while i < bytes.count, bytes[i] != 0x3B, bytes[i] != 0x3A { i += 1 }
            }
        }
        guard i < bytes.count, bytes[i] == 0x3A else {
            defects.append(ICalDefect(.malformedLine, line: line))
            return nil
        }
        // A line whose parameters had to be repaired is written from what was read of it, so that we write valid
        // lines; any other line keeps its bytes.
        return ICalProperty(name: name, parameters: parameters, value: Array(bytes[(i + 1)...]), line: line,
                            original: reportedParameter ? nil : bytes)
    }

    /// Letters, digits and `-` (RFC 5545 iana-token and x-name), plus `_` and `.` that some producers use.
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
    }

    /// RFC 6868: `^n` is a line break, `^'` a double quote, `^^` a caret; any other `^` stays as it is.
    static func decodeParameterValue(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x5E) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x5E, i + 1 < bytes.endIndex {
                switch bytes[i + 1] {
                case 0x6E, 0x4E: out.append(0x0A); i += 2; continue
                case 0x27: out.append(0x22); i += 2; continue
                case 0x5E: out.append(0x5E); i += 2; continue
                default: break
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
