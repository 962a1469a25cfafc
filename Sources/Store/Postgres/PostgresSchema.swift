import StorePostgres

// Placeholder until the PostgreSQL schema (helper pgschema) is merged.
extension AppDatabase {
    static var postgresMigrator: PostgresMigrator { PostgresMigrator() }
}
