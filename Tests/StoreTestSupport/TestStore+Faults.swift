@testable import Store

extension TestStore {
    /// Makes every later insert into the audit log fail, on either engine (a trigger), so that a test can prove an
    /// action and its audit line commit together.
    public static func refuseAuditLines(in database: AppDatabase) throws {
        try database.writer.write { db in
            if db.isPostgres {
                try db.execute(sql: """
                    CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN RAISE EXCEPTION 'refused'; END $$;
                    CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                    """)
            } else {
                try db.execute(sql: "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'refused'); END")
            }
        }
    }
}
