import CRMCore
import Foundation

/// `crmservice replay`: reads `.eml` files, directories, mbox files and Maildir folders and captures every message
/// exactly as if it had been fetched from mailbox `mailbox` (source ref: the path as given).
///
/// Messages are committed in batches (one transaction per `batchSize` messages): a failure rolls back only the
/// batch in progress, and replaying again completes it (what was committed counts as duplicates).
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
        var summary = ReplaySummary()
        let inputs = try ReplayInput.expand(paths, skipped: &summary.skipped)
        let total = inputs.reduce(Int64(0)) { $0 + $1.size }
        var batch: [RawMessage] = []
        var doneBytes: Int64 = 0
        var currentBytes: Int64 = 0
        batch.reserveCapacity(batchSize)

        func flush() throws {
            guard !batch.isEmpty else { return }
            let prepared = PreparedMessage.prepareAll(batch, pipeline: pipeline, workers: workers)
            let results = try store.inCaptureTransaction { tx in
                try prepared.map { try pipeline.capture($0, in: tx) }
            }
            for result in results { summary.count(result) }
            batch.removeAll(keepingCapacity: true)
            progress?(summary.messages, doneBytes + currentBytes, total)
        }

        for input in inputs {
            let source = MessageSource(mailbox: mailbox, ref: input.path)
            switch input.kind {
            case .message:
                do {
                    batch.append(try input.message(source: source, maxMessageBytes: maxMessageBytes))
                } catch {
                    summary.unreadable.append(input.path)
                }
                currentBytes = input.size
                if batch.count >= batchSize { try flush() }
            case .mbox:
                do {
                    var reader = try MboxReader(path: input.path, maxMessageBytes: maxMessageBytes)
                    while let bytes = try reader.next() {
                        batch.append(RawMessage(bytes: bytes, source: source, tooLarge: reader.lastTooLarge))
                        currentBytes = reader.consumed
                        if batch.count >= batchSize { try flush() }
                    }
                } catch let error as ReplayError {
                    summary.unreadable.append(error.path.isEmpty ? input.path : error.path)
                }
            }
            doneBytes += input.size
            currentBytes = 0
        }
        try flush()
        return summary
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReplayError(path: path, reason: "cannot be read")
        }
        return [UInt8](data)
    }
}
