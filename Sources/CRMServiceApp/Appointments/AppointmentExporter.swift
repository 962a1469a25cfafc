import CRMCore
import Foundation
import Store

/// `crmservice export appointments` (§9): one object a line with the contract's fields in its order, or CSV with the
/// same columns (lists joined with `; `, booleans `true`/`false`, null as an empty field).
public struct AppointmentExporter {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// The fields of §9, in order.
    public static let columns = ["id", "uid", "owner", "title", "start", "end", "all_day", "time_zone", "location",
                                 "description", "attendees", "contacts", "accounts", "users", "rrule", "exdates",
                                 "status", "modified_at"]

    enum Value {
        case text(String?), flag(Bool), list([String])
    }

    static func values(_ a: Appointment) -> [Value] {
        [.text(a.id.rawValue), .text(a.uid), .text(a.owner.rawValue), .text(a.title), .text(a.start.iso8601),
         .text(a.end.iso8601), .flag(a.allDay), .text(a.timeZone), .text(a.location), .text(a.description),
         .list(a.attendees.map(\.value)), .list(a.contacts.map(\.rawValue)), .list(a.accounts.map(\.rawValue)),
         .list(a.users.map(\.rawValue)), .text(a.rrule), .list(a.exdates.map(\.iso8601)), .text(a.status.rawValue),
         .text(ISO8601.utcString(a.modifiedAt))]
    }

    /// Writes every appointment, by start then id, through `emit`, one line (with its `\n`) at a time.
    public func export(format: ExportFormat, emit: ([UInt8]) -> Void) throws {
        let appointments = try database.appointments(ownedBy: nil)
        switch format {
        case .jsonl:
            for appointment in appointments {
                var json = JSONWriter()
                json.beginObject()
                for (column, value) in zip(Self.columns, Self.values(appointment)) {
                    json.key(column)
                    switch value {
                    case .text(let s): json.string(s)
                    case .flag(let b): json.bool(b)
                    case .list(let items): json.stringArray(items)
                    }
                }
                json.endObject()
                emit(json.bytes + [0x0A])
            }
        case .csv:
            emit(Array((Self.columns.joined(separator: ",") + "\r\n").utf8))
            for appointment in appointments {
                let fields = Self.values(appointment).map { value -> String in
                    switch value {
                    case .text(let s): s.map(ReferenceExporter.csvField) ?? ""
                    case .flag(let b): b ? "true" : "false"
                    case .list(let items): ReferenceExporter.csvField(items.joined(separator: "; "))
                    }
                }
                emit(Array((fields.joined(separator: ",") + "\r\n").utf8))
            }
        }
    }
}
