/// `v7-instances` (issue 14) on PostgreSQL: the counterpart of `AppDatabase.migrateInstances` (same identifier,
/// tables and columns); `instances` gets the `rowid` identity column every table without an INTEGER PRIMARY KEY gets.
enum PostgresSchemaInstances {
    static let identifier = "v7-instances"
}
