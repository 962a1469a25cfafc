import CRMCore
import Store

/// `export activities|unmatched|contacts|users|orders` (§1, §4): JSON Lines with the contract's fields in its order,
/// or CSV with the same columns and a header row.
///
/// Decisions where the contract is silent:
/// - Rows come by id (activities, unmatched entries: capture order; contacts, users by id; orders by number).
/// - `message_id` is null for a message without one; dates are ISO 8601 UTC (`2026-11-23T10:04:05Z`) or null.
/// - In CSV, lists are joined with `; ` and `sources` are written `mailbox:ref`.
/// - contacts, users and orders use the columns of their CSV file (§3), `email` as `a@x;b@y`, so an exported file
///   imports again.
public struct CaptureExporter {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// Whether this exporter writes `kind`.
    public static func handles(_ kind: ExportKind) -> Bool {
        [.activities, .unmatched, .contacts, .users, .orders].contains(kind)
    }

    enum Cell {
        case text(String?)
        case number(Int64?)
        case texts([String])
        case numbers([Int64])
        /// Numbers of any size by their digits, written as JSON numbers.
        case numberLiterals([String])
        case sources([MessageSource])
    }

    /// Writes every row of `kind` through `emit`, one line at a time.
    public func export(_ kind: ExportKind, format: ExportFormat, emit: ([UInt8]) -> Void) throws {
        let (columns, rows) = try table(kind)
        if format == .csv { emit(Array((columns.joined(separator: ",") + "\r\n").utf8)) }
        for row in rows {
            switch format {
            case .jsonl:
                if kind == .activities, case .number(let archive)? = row.last, row.count == columns.count + 1 {
                    emit(Self.jsonLine(Self.stubColumns + ["archived"], Array(row.prefix(Self.stubColumns.count)) + [.number(archive)]))
                } else {
                    emit(Self.jsonLine(columns, row))
                }
            case .csv:
                // CSV keeps one header: an archived activity shows what stayed live (no sources, no attachments).
                let fields = row.prefix(columns.count).map { cell -> String in
                    switch cell {
                    case .text(let s): s.map(ReferenceExporter.csvField) ?? ""
                    case .number(let n): n.map(String.init) ?? ""
                    case .texts(let list): ReferenceExporter.csvField(list.joined(separator: "; "))
                    case .numbers(let list): list.map(String.init).joined(separator: "; ")
                    case .numberLiterals(let list): list.joined(separator: "; ")
                    case .sources(let list):
                        ReferenceExporter.csvField(list.map { "\($0.mailbox):\($0.ref)" }.joined(separator: "; "))
                    }
                }
                emit(Array((fields.joined(separator: ",") + "\r\n").utf8))
            }
        }
    }

    /// `unresolved_orders`: the unresolved numbers and the digits of those that can be no order number (0, beyond
    /// 64 bits), in numeric order. The stored digits are digits only (a CHECK constraint), so they are valid JSON.
    static func unresolved(_ record: ActivityRecord) -> [String] {
        (record.unresolvedOrders.map(\.description) + record.unresolvedOrderDigits)
            .sorted { ($0.count, $0) < ($1.count, $1) }
    }

    /// The columns of `export activities`.
    static let activityColumns = ["id", "message_id", "direction", "date", "subject", "contacts", "accounts", "users",
                                  "orders", "unresolved_orders", "thread_id", "attachments", "flags", "sources"]
    /// What an archived activity shows (§10), before `archived`.
    static let stubColumns = Array(activityColumns.prefix(9))

    static func activityCells(_ a: ActivityExportRow) -> [Cell] {
        [.number(a.id), .text(a.messageID), .text(a.record.direction), .text(a.date), .text(a.subject),
         .texts(a.record.contacts.map(\.rawValue)), .texts(a.record.accounts.map(\.rawValue)),
         .texts(a.record.users.map(\.rawValue)), .numbers(a.record.orders.map(\.rawValue)),
         .numberLiterals(Self.unresolved(a.record)), .text(a.threadID),
         .number(Int64(a.attachments)), .texts(a.record.flags), .sources(a.sources)]
    }

    /// One activity's line of `export activities` (a live one: the archive's `activities.jsonl`).
    public static func activityLine(_ a: ActivityExportRow) -> [UInt8] { jsonLine(activityColumns, activityCells(a)) }

    /// One entry's line of `export unmatched`.
    public static func unmatchedLine(_ u: UnmatchedExportRow) -> [UInt8] {
        jsonLine(["id", "message_id", "reason", "from", "subject", "date", "sources", "status"], unmatchedCells(u))
    }

    static func unmatchedCells(_ u: UnmatchedExportRow) -> [Cell] {
        [.number(u.id), .text(u.messageID), .text(u.reason), .text(u.from), .text(u.subject), .text(u.date),
         .sources(u.sources), .text(u.status)]
    }

    static func jsonLine(_ columns: [String], _ row: [Cell]) -> [UInt8] {
        var json = JSONLine()
        for (column, cell) in zip(columns, row) {
            switch cell {
            case .text(let s): json.field(column, s)
            case .number(let n): json.field(column, n)
            case .texts(let list): json.field(column, strings: list)
            case .numbers(let list): json.field(column, numbers: list)
            case .numberLiterals(let list): json.field(column, raw: "[" + list.joined(separator: ",") + "]")
            case .sources(let list): json.field(column, objects: list.map { [("mailbox", $0.mailbox), ("ref", $0.ref)] })
            }
        }
        return json.line
    }

    func table(_ kind: ExportKind) throws -> ([String], [[Cell]]) {
        switch kind {
        case .activities:
            return (Self.activityColumns,
                    try database.exportActivities().map { a in
                        // An archived activity (§10): its stub, with the archive's id after the other cells.
                        Self.activityCells(a) + (a.archived.map { [.number($0)] } ?? [])
                    })
        case .unmatched:
            return (["id", "message_id", "reason", "from", "subject", "date", "sources", "status"],
                    try database.exportUnmatched().map(Self.unmatchedCells))
        case .contacts:
            return (ImportKind.contacts.columns, try database.exportContacts().map { c in
                [.text(c.id.rawValue), .text(c.accountID.rawValue), .text(c.name),
                 .text(c.addresses.map(\.value).joined(separator: ";"))]
            })
        case .users:
            return (ImportKind.users.columns, try database.exportUsers().map { u in
                [.text(u.id.rawValue), .text(u.name), .text(u.addresses.map(\.value).joined(separator: ";"))]
            })
        case .orders:
            return (ImportKind.orders.columns, try database.exportOrders().map { o in
                [.number(o.number.rawValue), .text(o.accountID.rawValue), .text(o.description)]
            })
        default:
            throw ExportNotAvailable(kind: kind)
        }
    }
}
