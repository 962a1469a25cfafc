import Testing
@testable import Store

@Test func storeModuleLinks() { #expect(String(describing: Store.self) == "Store") }
