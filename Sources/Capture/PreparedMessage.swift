import CRMCore
import Dispatch
import Foundation
import MailMIME

/// A message parsed and identified, ready to be captured (`CapturePipeline.prepare`).
public struct PreparedMessage: Sendable {
    public var raw: RawMessage
    public var parsed: ParsedMessage
    /// SHA-256 of the raw bytes (the copy's checksum).
    public var checksum: String
    public var identity: MessageIdentity

    /// Prepares `batch` on up to `workers` threads, results in the batch's order.
    static func prepareAll(_ batch: [RawMessage], pipeline: CapturePipeline, workers: Int) -> [PreparedMessage] {
        guard workers > 1, batch.count >= 2 * workers else { return batch.map(pipeline.prepare) }
        let slots = Slots(count: batch.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < batch.count {
                slots.put(index, pipeline.prepare(batch[index]))
                index += workers
            }
        }
        return slots.take()
    }

    /// Result slots each written by exactly one thread (distinct indexes), read after all threads finished.
    private final class Slots: @unchecked Sendable {
        private let base: UnsafeMutablePointer<PreparedMessage?>
        private let count: Int

        init(count: Int) {
            self.count = count
            base = .allocate(capacity: count)
            base.initialize(repeating: nil, count: count)
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        func put(_ index: Int, _ value: PreparedMessage) { base[index] = value }

        func take() -> [PreparedMessage] { (0..<count).map { base[$0]! } }
    }
}
