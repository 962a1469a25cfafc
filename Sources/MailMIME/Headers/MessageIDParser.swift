// STUB (owned by the header half of the parser): replace wholesale.
import Foundation

/// RFC 5322 §3.6.4 msg-id lists (`Message-ID`, `In-Reply-To`, `References`), angle brackets removed.
enum MessageIDParser {
    static func parseList(_ raw: ArraySlice<UInt8>, defects: inout [MIMEDefect]) -> [String] {
        String(decoding: raw, as: UTF8.self).split(separator: " ").map {
            String($0).trimmingCharactersASCIIWhitespace().replacingOccurrences(of: "<", with: "")
                .replacingOccurrences(of: ">", with: "")
        }.filter { !$0.isEmpty }
    }
}
