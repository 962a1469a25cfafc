import Foundation

/// The system tz database (`/usr/share/zoneinfo`, or `$TZDIR`; Debian package `tzdata`): zone names to
/// `TimeZoneRules`, read with our own TZif reader. Foundation's `TimeZone` on Linux answers from the ICU data it
/// bundles (it opens no zoneinfo file), so it would not follow the system's tzdata updates.
public struct TimeZoneDatabase: Sendable {
    /// The directory holding the TZif files.
    public var directory: String

    public init(directory: String? = nil) {
        self.directory = directory ?? ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "/usr/share/zoneinfo"
    }

    /// The rules of the zone `identifier` (`Europe/Berlin`); `UTC` works even without the database.
    public func rules(for identifier: String) throws(UnknownTimeZone) -> TimeZoneRules {
        guard Self.isWellFormed(identifier) else { throw UnknownTimeZone(identifier: identifier) }
        let path = directory + "/" + identifier
        guard let data = FileManager.default.contents(atPath: path) else {
            if identifier == "UTC" { return .utc }
            throw UnknownTimeZone(identifier: identifier)
        }
        do {
            return try TZifReader.parse([UInt8](data), identifier: identifier)
        } catch {
            throw UnknownTimeZone(identifier: identifier, malformed: error)
        }
    }

    /// A zone name: letters, digits, `_`, `-`, `+` and `/` between non-empty components, none of them `.` or `..`.
    static func isWellFormed(_ identifier: String) -> Bool {
        guard !identifier.isEmpty, identifier.utf8.count <= 255 else { return false }
        let components = identifier.split(separator: "/", omittingEmptySubsequences: false)
        return components.allSatisfy { component in
            !component.isEmpty && component.first != "." && component.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F || b == 0x2D
                    || b == 0x2B
            }
        }
    }
}
