import Testing
@testable import Jobs

@Suite("Cron expression parsing") struct CronParsingTests {
    @Test func parsesStar() throws {
        let e = try CronExpression("* * * * *")
        #expect(e.minutes == (1 << 60) - 1)
    }
}
