import CRMCore
import Foundation
import Testing

/// Issue 14: the dashboard's "Instances and what they hold", from the lease table of the database.
@Suite struct DashboardLeasesTests {
    @Test("Issue 14: the dashboard lists every lease with its instance and expiry, a released one as free")
    func instancesAndWhatTheyHold() async throws {
        let world = try DashboardConsoleWorld(now: Date())
        _ = try world.database.acquireLease(.mailbox("sales"), holder: InstanceName("crm-2"), ttl: .seconds(3600))
        _ = try world.database.acquireLease(.calendar(UserID("boss")), holder: InstanceName("crm-1"), ttl: .seconds(3600))
        try world.database.releaseLease(.calendar(UserID("boss")), holder: InstanceName("crm-1"))
        let page = try await world.withServer { try await $0.get("/", as: try world.session("boss")) }
        #expect(page.status == 200)
        #expect(page.body.contains("<h2>Instances and what they hold</h2>"))
        #expect(page.body.contains(#"<tr data-lease="mailbox:sales"><td>mailbox:sales</td><td>crm-2</td>"#))
        #expect(page.body.contains(#"<tr data-lease="calendar:boss"><td>calendar:boss</td><td>crm-1</td>"#))
        #expect(page.body.contains("free since"))
        // Held first: the held mailbox's row comes before the released calendar's.
        let held = try #require(page.body.range(of: "data-lease=\"mailbox:sales\""))
        let free = try #require(page.body.range(of: "data-lease=\"calendar:boss\""))
        #expect(held.lowerBound < free.lowerBound)
    }
}
