import GRDB

extension AppDatabase {
    /// `v5-address-book-version` (issue 10): a number that grows with every change of contacts, their addresses,
    /// account names and users' addresses, kept by triggers so that no writer can forget it. The review queue's
    /// candidate ranking keeps its indexed address book until the number moves (`contactCards(ifChangedSince:)`).
    static func migrateAddressBookVersion(_ db: GRDB.Database) throws {
        var sql = """
            CREATE TABLE address_book_version (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                seq INTEGER NOT NULL
            );
            INSERT INTO address_book_version (id, seq) VALUES (1, 0);

            """
        let watched = [("contacts", ""), ("contact_addresses", ""), ("user_addresses", ""), ("accounts", " OF name")]
        for (table, columns) in watched {
            for event in ["INSERT", "UPDATE\(columns)", "DELETE"] {
                let name = "\(table)_\(event.split(separator: " ")[0].lowercased())_version"
                sql += """
                    CREATE TRIGGER \(name) AFTER \(event) ON \(table)
                    BEGIN UPDATE address_book_version SET seq = seq + 1 WHERE id = 1; END;

                    """
            }
        }
        try db.execute(sql: sql)
    }
}
