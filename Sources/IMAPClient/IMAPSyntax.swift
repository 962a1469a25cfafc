/// Bits of RFC 3501 §9 syntax the session writes into commands.
enum IMAPSyntax {
    /// `quoted` (RFC 3501 §9): the name in double quotes, `\` and `"` escaped. Callers reject CR, LF and NUL.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        return out + "\""
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `YYYY-MM-DD` → `date` of RFC 3501 §9 (`1-Dec-2025`); nil when not a valid day.
    static func searchDate(_ day: String) -> String? {
        let parts = day.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return "\(d)-\(months[m - 1])-\(y)"
    }
}
