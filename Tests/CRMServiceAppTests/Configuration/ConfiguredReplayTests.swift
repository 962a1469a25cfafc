import StoreTestSupport
import CRMServiceApp
import Foundation
import Store
import Testing

@Suite("Configuration wired into replay: §4.9 never-capture from the file")
struct ConfiguredReplayTests {
    let w: ConfigurationWorld
    init() throws { w = try ConfigurationWorld() }

    static let message = ConfigurationWorld.fixtures + "/globex.eml"

    @Test("§4.9 a message from a never-capture domain of the configuration ends ignored excluded")
    func neverCaptureDomain() throws {
        let configuration = try ServiceConfiguration(
            contentsOf: ConfigurationWorld.fixtures + "/never-capture.yaml", environment: [:])
        let database = try TestStore.open(path: w.path("crm.sqlite"))
        let summary = try ReplayService(database: database, policy: configuration.capture.policy)
            .replay([Self.message], mailbox: "replay")
        #expect(summary.messages == 1 && summary.text.contains("1 ignored (excluded 1)"), "\(summary.text)")
    }

    @Test("without a configuration (--db alone) the policy is empty: the same message is not excluded")
    func emptyPolicy() throws {
        let database = try TestStore.open(path: w.path("crm.sqlite"))
        let summary = try ReplayService(database: database, policy: CaptureSettings().policy)
            .replay([Self.message], mailbox: "replay")
        #expect(summary.messages == 1 && !summary.text.contains("excluded"), "\(summary.text)")
    }
}
