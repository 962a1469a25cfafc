import Testing
@testable import IMAPClient

@Test func imapClientModuleLinks() { #expect(String(describing: IMAPClient.self) == "IMAPClient") }
