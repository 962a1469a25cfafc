// STUB (owned by the header half of the parser): replace wholesale.
import Foundation

/// RFC 5322 §3.3 dates, obsolete zones (§4.3) and the common broken forms.
enum DateParser {
    static func parse(_ raw: ArraySlice<UInt8>) -> Date? { nil }
}
