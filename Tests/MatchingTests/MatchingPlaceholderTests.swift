import Testing
@testable import Matching

@Test func matchingModuleLinks() { #expect(String(describing: Matching.self) == "Matching") }
