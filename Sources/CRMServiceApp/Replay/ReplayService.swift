import Capture
import CRMCore
import Store

/// The composition of `crmservice replay`: the store, the address book as it is now and the pipeline.
public struct ReplayService {
    let database: AppDatabase
    let policy: CapturePolicy

    /// `policy` holds the never-capture and capture addresses of the configuration (none until the configuration
    /// file arrives with `crmservice run`).
    public init(database: AppDatabase, policy: CapturePolicy = CapturePolicy()) {
        self.database = database
        self.policy = policy
    }

    /// Replays `paths` into the database as mailbox `mailbox`.
    /// A message over `maxMessageBytes` is read only up to the end of its header and becomes `too_large` (§12).
    public func replay(_ paths: [String], mailbox: String, batchSize: Int = 500,
                       maxMessageBytes: Int = CaptureSettings.defaultMaxMessageBytes,
                       progress: Replayer.Progress? = nil) throws -> ReplaySummary {
        let pipeline = CapturePipeline(book: try database.addressBook(policy: policy))
        var replayer = Replayer(store: database, pipeline: pipeline, mailbox: mailbox, batchSize: batchSize)
        replayer.maxMessageBytes = maxMessageBytes
        return try replayer.replay(paths, progress: progress)
    }
}
