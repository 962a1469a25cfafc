extension LeaseKeeper {
    /// Runs `body` while renewing the lease every `ttl / 3` (each renewal off the cooperative pool), so that work
    /// longer than the lease (a big calendar's sync) keeps it; the renewals stop when `body` returns.
    public func renewing<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await withTaskGroup(of: T?.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: self.untilNextCheck) } catch { break }
                    _ = await BlockingThread.run(name: "lease \(self.key)") { self.attempt() }
                }
                return nil
            }
            group.addTask { await body() }
            var result: T?
            while let next = await group.next() {
                if let next {
                    result = next
                    group.cancelAll()
                }
            }
            return result!
        }
    }
}
