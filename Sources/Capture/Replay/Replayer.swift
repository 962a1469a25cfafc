import CRMCore
import Foundation

/// `crmservice replay`: reads `.eml` files, directories, mbox files and Maildir folders and captures every message
/// exactly as if it had been fetched from mailbox `mailbox` (source ref: the path as given).
///
/// Messages are committed in batches (one transaction per `batchSize` messages): a failure rolls back only the
/// batch in progress, and replaying again completes it (what was committed counts as duplicates). The next batch is
/// read and prepared on other threads (`ReplayBatchReader`) while the current one is written; batches are written in
/// input order, on the calling thread.
public struct Replayer {
    public var store: any CaptureStore
    public var pipeline: CapturePipeline
    public var mailbox: String
    public var batchSize: Int
    /// Threads that parse a batch before its transaction (parsing is pure; the writes stay on one thread).
    public var workers: Int
    /// `capture.max_message_bytes` (§12): a larger message is read only up to the end of its header, `too_large`.
    public var maxMessageBytes = MessageTooLarge.defaultLimit

    public init(store: any CaptureStore, pipeline: CapturePipeline, mailbox: String = "replay", batchSize: Int = 500,
                workers: Int = min(ProcessInfo.processInfo.activeProcessorCount, 4)) {
        self.store = store
        self.pipeline = pipeline
        self.mailbox = mailbox
        self.batchSize = batchSize
        self.workers = workers
    }

    /// Progress after each batch: messages so far, bytes read so far, total bytes.
    public typealias Progress = (_ messages: Int, _ bytes: Int64, _ totalBytes: Int64) -> Void

    /// Replays `paths`; unreadable files are listed in the summary and skipped; store errors are thrown.
    public func replay(_ paths: [String], progress: Progress? = nil) throws -> ReplaySummary {
        let reader = ReplayBatchReader(paths: paths, mailbox: mailbox, batchSize: batchSize, pipeline: pipeline,
                                       workers: workers, maxMessageBytes: maxMessageBytes)
        defer { reader.cancel() }
        var summary = ReplaySummary()
        while let batch = try reader.next() {
            summary.unreadable += batch.unreadable
            summary.skipped += batch.skipped
            guard !batch.prepared.isEmpty else { continue }
            let results = try store.inCaptureTransaction { tx in
                try batch.prepared.map { try pipeline.capture($0, in: tx) }
            }
            for result in results { summary.count(result) }
            progress?(summary.messages, batch.bytesRead, batch.totalBytes)
            // Freeing 500 parsed messages was a tenth of this thread's time, which is the bottleneck: another
            // thread takes the last reference.
            DispatchQueue.global().async { withExtendedLifetime(batch) {} }
        }
        return summary
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReplayError(path: path, reason: "cannot be read")
        }
        return [UInt8](data)
    }
}
