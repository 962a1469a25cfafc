import CRMCore
import Foundation

/// The reading half of `Replayer`, on its own thread: expands the paths, reads the files and mbox messages in
/// order, and prepares each batch (parse, checksum, identity; on up to `workers` threads) while the caller writes the
/// batch before it. Batches come out in input order; at most one waits, so memory stays at three batches.
final class ReplayBatchReader: @unchecked Sendable {
    /// One batch, prepared, with what the input loop saw up to its end.
    struct Batch: Sendable {
        var prepared: [PreparedMessage]
        /// Files that could not be read since the previous batch, in input order.
        var unreadable: [String]
        /// Directories passed over (reached twice: a symbolic link loop); only on the first batch.
        var skipped: [ReplayError]
        /// Bytes of the input read when the batch was cut, and of all inputs.
        var bytesRead: Int64
        var totalBytes: Int64
    }

    private enum Item { case batch(Batch), failed(any Error), end }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: Item?
    private var cancelled = false

    /// Starts reading `paths` for mailbox `mailbox` on a thread of its own.
    /// A message over `maxMessageBytes` is read only up to the end of its header (§12, `too_large`).
    init(paths: [String], mailbox: String, batchSize: Int, pipeline: CapturePipeline, workers: Int,
         maxMessageBytes: Int) {
        let thread = Thread { [self] in
            do {
                try read(paths, mailbox: mailbox, batchSize: batchSize, pipeline: pipeline, workers: workers,
                         maxMessageBytes: maxMessageBytes)
                put(.end)
            } catch {
                put(.failed(error))
            }
        }
        thread.name = "replay-reader"
        thread.start()
    }

    /// The next batch in input order, nil after the last; rethrows what stopped the reading (paths that cannot be
    /// expanded, an error reading an mbox other than `ReplayError`).
    func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while waiting == nil { condition.wait() }
        let item = waiting!
        switch item {
        case .batch(let batch):
            waiting = nil
            condition.broadcast()
            return batch
        case .failed(let error): throw error
        case .end: return nil
        }
    }

    /// Stops the reading thread at its next batch (the caller gave up, e.g. on a store error).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Hands `item` over once the one before it was taken; false when cancelled.
    @discardableResult
    private func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting != nil, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        waiting = item
        condition.broadcast()
        return true
    }

    private struct Cancelled: Error {}

    /// The input loop: files are read and mboxes split in order, a batch cut every `batchSize` messages.
    private func read(_ paths: [String], mailbox: String, batchSize: Int, pipeline: CapturePipeline,
                      workers: Int, maxMessageBytes: Int) throws {
        var skipped: [ReplayError] = []
        let inputs = try ReplayInput.expand(paths, skipped: &skipped)
        let total = inputs.reduce(Int64(0)) { $0 + $1.size }
        var batch: [RawMessage] = []
        var unreadable: [String] = []
        var doneBytes: Int64 = 0
        var currentBytes: Int64 = 0
        batch.reserveCapacity(batchSize)

        func flush() throws {
            guard !batch.isEmpty || !unreadable.isEmpty || !skipped.isEmpty else { return }
            let prepared = PreparedMessage.prepareAll(batch, pipeline: pipeline, workers: workers)
            let next = Batch(prepared: prepared, unreadable: unreadable, skipped: skipped,
                             bytesRead: doneBytes + currentBytes, totalBytes: total)
            batch.removeAll(keepingCapacity: true)
            unreadable.removeAll()
            skipped.removeAll()
            guard put(.batch(next)) else { throw Cancelled() }
        }

        do {
            for input in inputs {
                let source = MessageSource(mailbox: mailbox, ref: input.path)
                switch input.kind {
                case .message:
                    do {
                        batch.append(try input.message(source: source, maxMessageBytes: maxMessageBytes))
                    } catch {
                        unreadable.append(input.path)
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
                        unreadable.append(error.path.isEmpty ? input.path : error.path)
                    }
                }
                doneBytes += input.size
                currentBytes = 0
            }
            try flush()
        } catch is Cancelled {
            return
        }
    }
}
