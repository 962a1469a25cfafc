import Logging
import ServiceLifecycle

/// Runs a poller so that its end never ends the service group: an error it throws is logged, then the poller is done
/// (the others go on). Pollers are expected to handle their own errors and retry; this is the last guard.
struct PollerIsolation: Service, CustomStringConvertible {
    let poller: any Service
    let logger: Logger

    func run() async throws {
        do {
            try await poller.run()
        } catch is CancellationError {
            return
        } catch {
            logger.error("a mail poller stopped on an error; the other services go on",
                         metadata: ["poller": "\(poller)", "error": "\(error)"])
        }
    }

    var description: String { "\(poller)" }
}
