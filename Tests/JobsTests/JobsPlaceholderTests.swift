import Testing
@testable import Jobs

@Test func jobsModuleLinks() { #expect(String(describing: Jobs.self) == "Jobs") }
