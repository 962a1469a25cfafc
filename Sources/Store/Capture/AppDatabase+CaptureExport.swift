import CRMCore
import Foundation

/// One activity as `export activities` shows it (§4).
public struct ActivityExportRow: Sendable, Equatable {
    public var id: Int64
    public var identity: MessageIdentity
    public var messageID: String?
    public var date: String?
    public var subject: String?
    public var record: ActivityRecord
    /// The thread: the root of its connected set of activities and referenced ids (see `exportActivities`).
    public var threadID: String
    public var attachments: Int
    public var sources: [MessageSource]
    /// The archive holding the activity's raw message, attachments and sources (§10), nil when it is live: then
    /// `export activities` shows its stub.
    public var archived: Int64? = nil
}

/// One unmatched entry as `export unmatched` shows it (§4).
public struct UnmatchedExportRow: Sendable, Equatable {
    public var id: Int64
    public var messageID: String?
    public var reason: String
    public var from: String?
    public var subject: String?
    public var date: String?
    public var sources: [MessageSource]
    public var status: String
    public var audit: String
    public var assignedContact: String?
    public var dismissReason: String?
}

extension AppDatabase {
    /// Every activity, by id.
    ///
    /// `threadID`: activities are connected through the ids they answer (`In-Reply-To`/`References`, captured or
    /// not); a thread's id is the smallest of its roots — ids in the set that answer nothing stored, normally the
    /// first message of the conversation — as the Message-ID without brackets (`sha256:<hex>` for a message
    /// without one). It depends only on the set of activities, never on arrival order.
    public func exportActivities() throws -> [ActivityExportRow] {
        try writer.read { db in
            var rows: [ActivityExportRow] = []
            try Self.forEachExportedActivity(db) { rows.append($0) }
            return rows
        }
    }

    /// The activities of `export activities` one at a time, by id; with `only`, just those activity ids (their threads
    /// still computed over every activity). Archived activities (§10) come with `archived` set and without sources
    /// or attachments, which left the live tables.
    static func forEachExportedActivity(_ db: Database, only: Set<Int64>? = nil,
                                        _ body: (ActivityExportRow) throws -> Void) throws {
        let sources = only == nil ? try Self.sourcesByMessage(db) : [:]
        var parents: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT t.message_id, t.parent_identity FROM thread_refs t JOIN activities a ON a.message_id = t.message_id
            ORDER BY t.message_id, t.position
            """) {
            parents[row[0] as Int64, default: []].append(row[1])
        }
        let attachments = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT activity_id, count(*) FROM activity_attachments GROUP BY activity_id
            """).map { ($0[0] as Int64, $0[1] as Int) })
        var threads = ThreadSets()
        let identities = try Row.fetchCursor(db, sql: """
            SELECT a.message_id, m.identity FROM activities a JOIN messages m ON m.id = a.message_id ORDER BY a.id
            """)
        while let row = try identities.next() {
            let identity: String = row[1]
            for parent in parents[row[0] as Int64] ?? [] { threads.union(identity, parent) }
            threads.add(identity, hasParents: !(parents[row[0] as Int64] ?? []).isEmpty)
        }
        let roots = threads.roots()
        let sourceStatement = try db.cachedStatement(
            sql: "SELECT mailbox, ref FROM sources WHERE message_id = ? ORDER BY mailbox, ref")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT a.id, a.message_id, a.direction, a.inherited_from, a.flags, m.identity, m.message_id, m.date,
                   m.subject, am.archive_id
            FROM activities a JOIN messages m ON m.id = a.message_id
            LEFT JOIN archived_messages am ON am.message_id = a.message_id ORDER BY a.id
            """)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if let only, !only.contains(id) { continue }
            let message: Int64 = row[1]
            let identityText: String = row[5]
            guard let identity = MessageIdentity(identityText) else {
                throw CorruptValue(table: "messages", column: "identity")
            }
            let record = try DatabaseCaptureTransaction.activityRecord(
                db, activity: id, message: message, direction: row[2], inheritedFrom: row[3], flags: row[4])
            let root = roots[threads.find(identityText)] ?? identityText
            let messageSources = only == nil ? sources[message] ?? []
                : try Row.fetchAll(sourceStatement, arguments: [message]).map { MessageSource(mailbox: $0[0], ref: $0[1]) }
            try body(ActivityExportRow(
                id: id, identity: identity, messageID: row[6], date: row[7], subject: row[8], record: record,
                threadID: MessageIdentity(root)?.messageID ?? root, attachments: attachments[id] ?? 0,
                sources: messageSources, archived: row[9]))
        }
    }

    /// Every unmatched entry, by id.
    public func exportUnmatched() throws -> [UnmatchedExportRow] {
        try writer.read { db in try Self.unmatchedRows(db, sources: try Self.sourcesByMessage(db)) }
    }

    /// Unmatched entries by id: every one, or the one numbered `only` (its sources read for it alone).
    static func unmatchedRows(_ db: Database, sources: [Int64: [MessageSource]]? = nil, only: Int64? = nil) throws
        -> [UnmatchedExportRow] {
        try Row.fetchAll(db, sql: """
            SELECT u.id, u.message_id, m.message_id, u.reason, m.from_address, m.subject, m.date, u.status, u.audit,
                   u.assigned_contact, u.dismiss_reason
            FROM unmatched u JOIN messages m ON m.id = u.message_id WHERE ? IS NULL OR u.id = ? ORDER BY u.id
            """, arguments: [only, only]).map { row in
            let message: Int64 = row[1]
            let messageSources = try sources?[message] ?? (sources == nil
                ? Row.fetchAll(db, sql: "SELECT mailbox, ref FROM sources WHERE message_id = ? ORDER BY mailbox, ref",
                               arguments: [message]).map { MessageSource(mailbox: $0[0], ref: $0[1]) } : [])
            return UnmatchedExportRow(id: row[0], messageID: row[2], reason: row[3], from: row[4], subject: row[5],
                                      date: row[6], sources: messageSources, status: row[7], audit: row[8],
                                      assignedContact: row[9], dismissReason: row[10])
        }
    }

    /// One unmatched entry with its raw copies, nil when there is none.
    public func unmatchedEntry(_ id: Int64) throws -> (row: UnmatchedExportRow, copies: [RawCopy])? {
        guard let row = try exportUnmatched().first(where: { $0.id == id }) else { return nil }
        let copies = try writer.read { db -> [RawCopy] in
            let message = try Int64.fetchOne(db, sql: "SELECT message_id FROM unmatched WHERE id = ?", arguments: [id])
            return try DatabaseCaptureTransaction(db).rawCopies(of: message ?? -1)
        }
        return (row, copies)
    }

    /// The audit log, oldest first.
    public func auditLog() throws -> [AuditLogEntry] { try auditEntries() }

    static func sourcesByMessage(_ db: Database) throws -> [Int64: [MessageSource]] {
        var sources: [Int64: [MessageSource]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT message_id, mailbox, ref FROM sources ORDER BY message_id, mailbox, ref") {
            sources[row[0] as Int64, default: []].append(MessageSource(mailbox: row[1], ref: row[2]))
        }
        return sources
    }
}

/// Union-find over thread ids, for `exportActivities`.
struct ThreadSets {
    private var parent: [String: String] = [:]
    private var answers: Set<String> = []

    mutating func add(_ id: String, hasParents: Bool) {
        if parent[id] == nil { parent[id] = id }
        if hasParents { answers.insert(id) }
    }

    mutating func find(_ id: String) -> String {
        if parent[id] == nil { parent[id] = id }
        var root = id
        while let next = parent[root], next != root { root = next }
        var node = id
        while let next = parent[node], next != root { parent[node] = root; node = next }
        return root
    }

    mutating func union(_ a: String, _ b: String) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// For each set (by its representative), the smallest member that answers nothing stored.
    mutating func roots() -> [String: String] {
        var result: [String: String] = [:]
        for id in Array(parent.keys) where !answers.contains(id) {
            let set = find(id)
            if let best = result[set], best <= id { continue }
            result[set] = id
        }
        return result
    }
}
