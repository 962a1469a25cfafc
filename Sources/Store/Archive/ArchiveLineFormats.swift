import CRMCore

/// How `archive run` writes the lines of `activities.jsonl`, `unmatched.jsonl` and `job-runs.jsonl` (§10: the export
/// formats, whole): the exporters live above the store, which calls these for each archived record.
public struct ArchiveLineFormats {
    public var activity: (ActivityExportRow) -> [UInt8]
    public var unmatched: (UnmatchedExportRow) -> [UInt8]
    public var jobRun: (JobRun) -> [UInt8]

    public init(activity: @escaping (ActivityExportRow) -> [UInt8], unmatched: @escaping (UnmatchedExportRow) -> [UInt8],
                jobRun: @escaping (JobRun) -> [UInt8]) {
        self.activity = activity
        self.unmatched = unmatched
        self.jobRun = jobRun
    }
}
