import CRMCore
import Foundation
import Store

/// `crmservice export KIND` for the rating's data: one JSON object a line (fields in the contract's order) or CSV
/// with a header row. Decimal amounts are JSON strings, never numbers, so no reader turns them into floating point.
public struct ReferenceExporter {
    let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    /// Writes every row of `kind` through `emit`, one line (with its `\n`) at a time.
    public func export(_ kind: ExportKind, format: ExportFormat, emit: ([UInt8]) -> Void) throws {
        if kind == .appointments { return try AppointmentExporter(database: database).export(format: format, emit: emit) }
        if CaptureExporter.handles(kind) { return try CaptureExporter(database: database).export(kind, format: format, emit: emit) }
        let (columns, rows) = try table(kind)
        switch format {
        case .jsonl:
            for row in rows {
                // One JSONWriter object per pair, spliced: JSONWriter (at 0f7a96c) drops the comma between pairs.
                var line: [UInt8] = [UInt8(ascii: "{")]
                for (position, (column, value)) in zip(columns, row).enumerated() {
                    var json = JSONWriter()
                    json.beginObject()
                    json.key(column)
                    switch value {
                    case .text(let s): json.string(s)
                    case .number(let n): json.integer(n)
                    case .list(let items): json.stringArray(items)
                    }
                    json.endObject()
                    if position > 0 { line.append(UInt8(ascii: ",")) }
                    line += json.bytes.dropFirst().dropLast()
                }
                line += [UInt8(ascii: "}"), 0x0A]
                emit(line)
            }
        case .csv:
            emit(Array((columns.map(Self.csvField).joined(separator: ",") + "\r\n").utf8))
            for row in rows {
                let fields = row.map { value -> String in
                    switch value {
                    case .text(let s): s.map(Self.csvField) ?? ""
                    case .number(let n): n.map(String.init) ?? ""
                    case .list(let items): Self.csvField(items.joined(separator: "; "))
                    }
                }
                emit(Array((fields.joined(separator: ",") + "\r\n").utf8))
            }
        }
    }

    enum Value {
        case text(String?)
        case number(Int64?)
        case list([String])
    }

    func table(_ kind: ExportKind) throws -> ([String], [[Value]]) {
        switch kind {
        case .accounts:
            return (["id", "type", "status", "parent_id", "rating", "modified_at"], try database.exportAccounts().map { a in
                [.text(a.record.id.rawValue), .text(a.record.type.rawValue), .text(a.record.status.rawValue),
                 .text(a.record.parentID?.rawValue), .number(a.rating.map { Int64($0.rawValue) }), .text(a.modifiedAt)]
            })
        case .contracts:
            return (ImportKind.contracts.columns, try database.exportContracts().map { c in
                [.text(c.id.rawValue), .text(c.accountID.rawValue), .text(c.itemValue.description),
                 .text(c.serviceValue.description), .text(c.currency.rawValue), .text(c.modifiedAt)]
            })
        case .ratingRules:
            return (ImportKind.ratingRules.columns, try database.allRules().map { r in
                [.text(r.accountType.rawValue), .number(Int64(r.rating.rawValue)), .number(r.amountFrom),
                 .number(r.amountTo), .text(r.currency.rawValue)]
            })
        case .jobRuns:
            // The import counts were added after the first fields (null for the scheduled jobs): appended, so
            // readers of the older objects and CSV columns read on unchanged.
            return (["id", "job", "started_at", "ended_at", "state", "examined", "changed", "messages",
                     "created", "updated", "unchanged", "rejected"],
                    try database.jobRuns().map { run in
                        [.number(run.id.rawValue), .text(run.job), .text(ISO8601.utcString(run.startedAt)),
                         .text(run.endedAt.map(ISO8601.utcString)), .text(run.state.rawValue),
                         .number(Int64(run.examined)), .number(Int64(run.changed)), .list(run.messages),
                         .number(run.imported.map { Int64($0.created) }), .number(run.imported.map { Int64($0.updated) }),
                         .number(run.imported.map { Int64($0.unchanged) }), .number(run.imported.map { Int64($0.rejected) })]
                    })
        case .audit:
            // §8: who (actor), when (at), from where (origin: cli or console), what (action, detail), on which
            // record (target, `KIND ID`); `id` numbers the entries in the order they were written.
            return (["id", "at", "actor", "origin", "action", "target", "detail"], try database.auditEntries().map { e in
                [.number(e.id), .text(ISO8601.utcString(e.at)), .text(e.actor), .text(e.origin.rawValue),
                 .text(e.action), .text(e.target), .text(e.detail)]
            })
        case .archives:
            return (["id", "created_at", "created_by", "cutoff", "activities", "unmatched", "job_runs", "bytes", "sha256",
                     "state"], try database.archives().map { a in
                [.number(a.id.rawValue), .text(ISO8601.utcString(a.createdAt)), .text(a.createdBy), .text(a.cutoff),
                 .number(Int64(a.activities)), .number(Int64(a.unmatched)), .number(Int64(a.jobRuns)), .number(a.bytes),
                 .text(a.sha256), .text(a.state.rawValue)]
            })
        case .activities, .unmatched, .contacts, .users, .orders, .appointments:
            throw ExportNotAvailable(kind: kind)
        }
    }

    /// RFC 4180: quoted when it holds a comma, quote or line break.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
