import CRMCore

extension AppDatabase {
    /// The newest `limit` runs of `job`, newest first (the rating page's log).
    public func latestRuns(of job: String, limit: Int) throws -> [JobRun] {
        let ids = try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT ?",
                               arguments: [job, limit])
        }
        return try ids.compactMap { try jobRun(JobRunID(rawValue: $0)) }
    }
}
