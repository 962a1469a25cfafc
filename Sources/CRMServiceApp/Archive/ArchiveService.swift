import AdminHTTP
import Archive
import CRMCore
import Foundation
import Store

/// `crmservice archive …` and the scheduled job `archive` (§10) over one database.
public struct ArchiveService: Sendable {
    let database: AppDatabase
    let hashing: any PasswordHashing
    /// Uncompressed bytes per stored chunk.
    let chunkSize: Int

    public init(database: AppDatabase, hashing: any PasswordHashing = BcryptPasswordHashing(), chunkSize: Int = 1 << 20) {
        self.database = database
        self.hashing = hashing
        self.chunkSize = chunkSize
    }

    /// The first instant that is not archived: the start (UTC) of the day `months` months before `asOf`, the day
    /// of the month kept where the month has it, else its last day.
    public static func cutoff(months: Int, asOf day: Day) -> Date {
        let parts = day.rawValue.split(separator: "-").compactMap { Int($0) }
        var year = parts[0], month = parts[1] - months
        while month < 1 { month += 12; year -= 1 }
        let last = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30,
                    31, 30, 31][month - 1]
        return Date(timeIntervalSince1970: TimeInterval(CivilTime(year: year, month: month, day: min(parts[2], last)).seconds))
    }

    /// `archive run`: archives what is older than the cutoff; nil when nothing is.
    public func run(months: Int, asOf day: Day, actor: String, origin: AuditOrigin = .cli, at time: Date = Date())
        throws -> ArchiveRecord? {
        guard months >= 12 else { throw ArchiveInputError(field: "--months", problem: "\(months) is less than 12") }
        let formats = ArchiveLineFormats(activity: CaptureExporter.activityLine, unmatched: CaptureExporter.unmatchedLine,
                                         jobRun: Self.jobRunLine)
        return try database.createArchive(
            cutoff: Self.cutoff(months: months, asOf: day), createdBy: actor, at: time, formats: formats,
            sink: ArchiveChunkWriter(chunkSize: chunkSize)) { record in
            AuditLogEntry(at: time, actor: actor, origin: origin, action: "archive-run", target: "archive \(record.id)",
                          detail: "cutoff \(record.cutoff): \(record.activities) activities, \(record.unmatched) "
                              + "unmatched, \(record.jobRuns) job runs")
        }
    }

    public func list() throws -> [ArchiveRecord] { try database.archives() }

    /// `archive download ID --out FILE`: the ZIP of §10.
    public func download(_ id: ArchiveID, to path: String, credentials: ArchiveCredentials, origin: AuditOrigin = .cli,
                         at time: Date = Date()) throws {
        let audit = try authorize("download", id, credentials, origin: origin, at: time)
        try database.readArchive(id, makeSource: Self.source) { record, source in
            try ArchiveZip.write(source, manifest: Self.manifest(record), to: path, date: record.createdAt)
        }
        // Nothing in the database changes with a download: its audit line follows the finished file.
        try database.appendAudit(audit)
    }

    /// `archive delete ID`: drops the data for good, then returns the freed pages to the file system.
    public func delete(_ id: ArchiveID, credentials: ArchiveCredentials, origin: AuditOrigin = .cli,
                       at time: Date = Date()) throws -> ArchiveRecord {
        let audit = try authorize("delete", id, credentials, origin: origin, at: time)
        let record = try database.deleteArchive(id, at: time, audit: audit)
        try database.reclaimFreeSpace()
        return record
    }

    /// `archive restore ID`: everything back as it was.
    public func restore(_ id: ArchiveID, credentials: ArchiveCredentials, origin: AuditOrigin = .cli,
                        at time: Date = Date()) throws -> ArchiveRecord {
        let audit = try authorize("restore", id, credentials, origin: origin, at: time)
        let record = try database.restoreArchive(id, at: time, audit: audit, makeSource: Self.source)
        try database.reclaimFreeSpace()
        return record
    }

    static func source(_ sha256: String, _ chunk: @escaping (Int) throws -> [UInt8]?) -> any ArchiveStreamSource {
        ArchiveChunkReader(expectedSHA256: sha256, chunk: chunk)
    }

    /// Checks `--as`, the right `archive` and the password; a refusal is written to the audit log and thrown, an
    /// acceptance returns the audit line the action writes with itself.
    func authorize(_ action: String, _ id: ArchiveID, _ credentials: ArchiveCredentials, origin: AuditOrigin,
                   at time: Date) throws
        -> AuditLogEntry {
        let target = "archive \(id)"
        func refuse(_ actor: String, _ reason: ArchiveRefused.Reason) throws -> Never {
            try database.appendAudit(AuditLogEntry(at: time, actor: actor, origin: origin, action: "archive-\(action)-refused",
                                                   target: target, detail: reason.rawValue))
            throw ArchiveRefused(action: action, reason: reason)
        }
        guard let name = credentials.user?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            try refuse(OperatingSystemUser.name, .noUser)
        }
        guard let login = try database.login(UserID(name)), login.rights.allows(.archive) else {
            try refuse(name, .missingRight)
        }
        let password: String
        do { password = try credentials.password() } catch { try refuse(name, .noPassword) }
        let gate = LoginGate(store: database, hashing: hashing)
        guard case .accepted = try gate.authenticate(login.user, password: password, origin: origin.rawValue, at: time) else {
            try refuse(name, .wrongPassword)
        }
        return AuditLogEntry(at: time, actor: name, origin: origin, action: "archive-\(action)", target: target, detail: "")
    }

    static func manifest(_ record: ArchiveRecord) -> [UInt8] {
        var json = JSONLine()
        json.field("id", record.id.rawValue)
        json.field("created_at", ISO8601.utcString(record.createdAt))
        json.field("created_by", record.createdBy)
        json.field("cutoff", record.cutoff)
        json.field("activities", Int64(record.activities))
        json.field("unmatched", Int64(record.unmatched))
        json.field("job_runs", Int64(record.jobRuns))
        json.field("bytes", record.bytes)
        json.field("sha256", record.sha256)
        json.field("format", "crmservice-archive-1")
        return json.line
    }

    static func jobRunLine(_ run: JobRun) -> [UInt8] {
        var json = JSONLine()
        json.field("id", run.id.rawValue)
        json.field("job", run.job)
        json.field("started_at", ISO8601.utcString(run.startedAt))
        json.field("ended_at", run.endedAt.map(ISO8601.utcString))
        json.field("state", run.state.rawValue)
        json.field("examined", Int64(run.examined))
        json.field("changed", Int64(run.changed))
        json.field("messages", strings: run.messages)
        return json.line
    }
}

/// An `archive` option's value is unusable (exit 2).
public struct ArchiveInputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var problem: String
    public var description: String { "\(field): \(problem)" }
}
