import CRMCore
import Foundation

extension AppDatabase: JobRunLog {
    public func startRun(job: String, at time: Date) throws -> JobRunID {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO job_runs (job, started_at, state) VALUES (?, ?, 'running')",
                           arguments: [job, Self.timestamp(time)])
            return JobRunID(rawValue: try db.lastInsertedRowID)
        }
    }

    public func finishRun(_ id: JobRunID, state: JobRunState, at time: Date, examined: Int, changed: Int,
                          messages: [String]) throws {
        let data = try JSONSerialization.data(withJSONObject: messages, options: [.withoutEscapingSlashes])
        try writer.write { db in
            try db.execute(sql: """
                UPDATE job_runs SET state = ?, ended_at = ?, examined = ?, changed = ?, messages = ? WHERE id = ?
                """, arguments: [state.rawValue, Self.timestamp(time), examined, changed,
                                 String(decoding: data, as: UTF8.self), id.rawValue])
        }
    }

    public func jobRuns() throws -> [JobRun] {
        try writer.read { db in
            try Row.fetchAll(db, sql: Self.runColumns + " ORDER BY id").map(Self.jobRun)
        }
    }

    /// Parses the timestamps this store writes (`YYYY-MM-DDTHH:MM:SSZ`).
    static func date(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 20, let day = Day(rawValue: String(text.prefix(10))) else { return nil }
        func n(_ i: Int) -> Int { Int(b[i] - 0x30) * 10 + Int(b[i + 1] - 0x30) }
        let parts = day.rawValue.split(separator: "-").compactMap { Int($0) }
        // Days from civil (Howard Hinnant).
        let y = parts[0] - (parts[1] <= 2 ? 1 : 0)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (parts[1] + 9) % 12
        let doy = (153 * mp + 2) / 5 + parts[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + n(11) * 3600 + n(14) * 60 + n(17)))
    }
}
