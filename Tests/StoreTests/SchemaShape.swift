import GRDB
import StorePostgres

/// What the code relies on in a table, read from either engine in the same terms: the columns in order (type, NOT
/// NULL, default), the indexes (a constraint's index unnamed: SQLite's `sqlite_autoindex_…` and PostgreSQL's `…_pkey`
/// name the same thing differently), the foreign keys with their ON DELETE.
struct TableShape: Equatable, CustomStringConvertible {
    struct Column: Equatable {
        var name: String
        var type: String // bigint, text, bytea
        var notNull: Bool
        var defaultValue: String?
    }
    struct Index: Hashable {
        var name: String? // nil: the index of a PRIMARY KEY or UNIQUE constraint
        var columns: [String]
        var unique: Bool
        var partial: Bool
    }
    struct ForeignKey: Hashable {
        var columns: [String]
        var table: String
        var referenced: [String]
        var onDelete: String
    }

    var columns: [Column] = []
    var indexes: Set<Index> = []
    var foreignKeys: Set<ForeignKey> = []

    var description: String {
        "columns " + columns.map { "\($0.name) \($0.type)\($0.notNull ? " not null" : "")"
            + ($0.defaultValue.map { " default \($0)" } ?? "") }.joined(separator: ", ")
            + "; indexes " + indexes.map { "\($0.name ?? "-") \($0.unique ? "unique " : "")\($0.partial ? "partial " : "")"
                + "(\($0.columns.joined(separator: ",")))" }.sorted().joined(separator: ", ")
            + "; foreign keys " + foreignKeys.map { "(\($0.columns.joined(separator: ","))) → \($0.table)"
                + "(\($0.referenced.joined(separator: ","))) on delete \($0.onDelete)" }.sorted().joined(separator: ", ")
    }
}

/// A SQLite table as the brief's conventions translate it to PostgreSQL.
struct SQLiteTable {
    var name: String
    var shape: TableShape
    var withoutRowid: Bool
    /// The column that is SQLite's INTEGER PRIMARY KEY (an alias of the rowid), if any.
    var integerPrimaryKey: String?

    /// The PostgreSQL shape the conventions give: the same, plus a trailing identity `rowid` on a rowid table
    /// without an INTEGER PRIMARY KEY, NOT NULL on every primary-key column (PostgreSQL implies it), and the
    /// primary-key index an INTEGER PRIMARY KEY has on PostgreSQL (SQLite's is the table's b-tree itself).
    func postgresShape(primaryKeyColumns: Set<String>) -> TableShape {
        var shape = shape
        for index in shape.columns.indices where primaryKeyColumns.contains(shape.columns[index].name) {
            shape.columns[index].notNull = true
        }
        if !withoutRowid && integerPrimaryKey == nil {
            shape.columns.append(.init(name: "rowid", type: "bigint", notNull: true, defaultValue: nil))
        }
        if let integerPrimaryKey {
            shape.indexes.insert(.init(name: nil, columns: [integerPrimaryKey], unique: true, partial: false))
        }
        return shape
    }

    /// Every table of `db` but SQLite's and GRDB's own.
    static func all(_ db: GRDB.Database) throws -> [(table: SQLiteTable, primaryKey: Set<String>)] {
        try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
            """).map { row in
            let name: String = row[0]
            let sql: String = row[1]
            var shape = TableShape()
            var primaryKey: [(Int, String)] = []
            var integerColumns: Set<String> = []
            for column in try Row.fetchAll(db, sql: """
                SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid
                """, arguments: [name]) {
                let type = (column[1] as String).uppercased()
                let columnName: String = column[0]
                shape.columns.append(.init(name: columnName,
                                           type: ["INTEGER": "bigint", "TEXT": "text", "BLOB": "bytea"][type] ?? type,
                                           notNull: column[2] as Int == 1, defaultValue: column[3]))
                if column[4] as Int > 0 { primaryKey.append((column[4], columnName)) }
                if type == "INTEGER" { integerColumns.insert(columnName) }
            }
            let withoutRowid = sql.uppercased().contains("WITHOUT ROWID")
            let integerPrimaryKey = !withoutRowid && primaryKey.count == 1 && integerColumns.contains(primaryKey[0].1)
                ? primaryKey[0].1 : nil
            for index in try Row.fetchAll(db, sql: """
                SELECT name, "unique", origin, partial FROM pragma_index_list(?)
                """, arguments: [name]) {
                let indexName: String = index[0]
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno",
                                                  arguments: [indexName])
                shape.indexes.insert(.init(name: index[2] as String == "c" ? indexName : nil, columns: columns,
                                           unique: index[1] as Int == 1, partial: index[3] as Int == 1))
            }
            let keys = try Row.fetchAll(db, sql: """
                SELECT id, "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq
                """, arguments: [name])
            for id in Set(keys.map { $0[0] as Int }) {
                let parts = keys.filter { $0[0] as Int == id }
                shape.foreignKeys.insert(.init(columns: parts.map { $0[2] }, table: parts[0][1],
                                               referenced: parts.map { $0[3] }, onDelete: parts[0][4]))
            }
            let table = SQLiteTable(name: name, shape: shape, withoutRowid: withoutRowid,
                                    integerPrimaryKey: integerPrimaryKey)
            return (table, Set(primaryKey.map(\.1)))
        }
    }
}

extension TableShape {
    /// The tables of the connection's schema but the migrator's own.
    static func postgresTables(_ connection: PostgresConnection) throws -> [String] {
        try connection.execute("""
            SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'crm_migrations'
            ORDER BY tablename
            """).map { try $0.string("tablename") ?? "" }
    }

    /// `table` as the PostgreSQL catalogue describes it.
    static func postgres(_ connection: PostgresConnection, table: String) throws -> TableShape {
        var shape = TableShape()
        for column in try connection.execute("""
            SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, [.text(table)]) {
            // A literal default reads back with its type: 'cli'::text.
            let defaultValue = try column.string("column_default").map {
                $0.hasSuffix("::text") ? String($0.dropLast(6)) : $0
            }
            shape.columns.append(.init(name: try column.string("column_name") ?? "",
                                       type: try column.string("data_type") ?? "",
                                       notNull: try column.string("is_nullable") == "NO", defaultValue: defaultValue))
        }
        let columnList = { (relation: String, keys: String) in """
            (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(\(keys)) WITH ORDINALITY k(n, ord)
             JOIN pg_attribute a ON a.attrelid = \(relation) AND a.attnum = k.n)
            """ }
        for index in try connection.execute("""
            SELECT i.relname AS name, ix.indisunique AS uniq, ix.indpred IS NOT NULL AS partial,
                   EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u')
                           AND c.conrelid = ix.indrelid) AS backs,
                   \(columnList("ix.indrelid", "ix.indkey::int2[]")) AS cols
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace
            """, [.text(table)]) {
            shape.indexes.insert(.init(name: try index.bool("backs") == true ? nil : try index.string("name"),
                                       columns: (try index.string("cols") ?? "").split(separator: ",").map(String.init),
                                       unique: try index.bool("uniq") == true, partial: try index.bool("partial") == true))
        }
        let actions = ["a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"]
        for key in try connection.execute("""
            SELECT f.relname AS ref, c.confdeltype AS del, \(columnList("c.conrelid", "c.conkey")) AS cols,
                   \(columnList("c.confrelid", "c.confkey")) AS refcols
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid
            WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace
            """, [.text(table)]) {
            shape.foreignKeys.insert(.init(
                columns: (try key.string("cols") ?? "").split(separator: ",").map(String.init),
                table: try key.string("ref") ?? "",
                referenced: (try key.string("refcols") ?? "").split(separator: ",").map(String.init),
                onDelete: actions[try key.string("del") ?? ""] ?? "?"))
        }
        return shape
    }
}
