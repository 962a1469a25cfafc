import GRDB

extension AppDatabase {
    /// `v5-daily-counts` (issue 10, the dashboard): messages captured per UTC day and outcome. Ignored messages are
    /// counted, not stored (§4), and duplicates leave only a source without a time, so the rows of the other tables
    /// cannot say what each day captured; this table is incremented in each message's capture transaction.
    ///
    /// Days before the upgrade are filled from what the stored messages say (their first capture and their present
    /// outcome: activity, unmatched, or `ignored` for an excluded one); ignored `internal` mail and duplicates of
    /// those days were never recorded and stay uncounted.
    static func migrateDailyCounts(_ db: GRDB.Database) throws {
        try db.execute(sql: """
            CREATE TABLE daily_outcomes (
                day TEXT NOT NULL CHECK (length(day) = 10),
                outcome TEXT NOT NULL CHECK (outcome IN ('activity', 'unmatched', 'ignored', 'duplicate')),
                count INTEGER NOT NULL CHECK (count >= 0),
                PRIMARY KEY (day, outcome)
            ) WITHOUT ROWID;
            INSERT INTO daily_outcomes (day, outcome, count)
                SELECT substr(m.created_at, 1, 10),
                       CASE WHEN m.excluded = 1 THEN 'ignored'
                            WHEN EXISTS (SELECT 1 FROM activities a WHERE a.message_id = m.id) THEN 'activity'
                            ELSE 'unmatched' END AS outcome,
                       count(*)
                FROM messages m
                WHERE m.excluded = 1 OR EXISTS (SELECT 1 FROM activities a WHERE a.message_id = m.id)
                    OR EXISTS (SELECT 1 FROM unmatched u WHERE u.message_id = m.id)
                GROUP BY 1, 2;
            """)
    }
}
