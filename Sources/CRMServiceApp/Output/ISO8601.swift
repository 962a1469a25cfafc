import CRMCore
import Foundation

/// ISO 8601 in UTC with a `Z`, to the second (`2026-11-23T10:04:05Z`), without `DateFormatter`.
public enum ISO8601 {
    public static func utcString(_ date: Date) -> String {
        CivilTime(seconds: Int64(date.timeIntervalSince1970.rounded(.down))).description + "Z"
    }
}
