import ArgumentParser
import Foundation
import Jobs

/// `crmservice cron next EXPR [--from ISO8601] [--tz ZONE] [--count N]` (§1, §7).
struct CronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Cron expressions as the scheduler reads them.",
        subcommands: [Next.self]
    )

    /// `cron next`: the next fire times of an expression.
    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the next fire times of a cron expression, one ISO 8601 time a line.",
            discussion: """
                EXPR has five fields (minute hour day-of-month month day-of-week) with *, lists, ranges, steps \
                (*/15, 1-30/5, 5/10 = 5-max/10), month names JAN-DEC and day names SUN-SAT; day-of-week 0-7 (0 and 7 \
                are Sunday). When both day fields are restricted, a day matching either counts (Vixie cron).

                Times are wall-clock times in --tz, a zone of the system tz database (/usr/share/zoneinfo or \
                $TZDIR), default UTC. A time skipped by a spring-forward change fires at the first minute after \
                the gap, once; a time repeated by a fall-back change fires at its first occurrence only, unless the \
                hour field is * or */N, when it fires in both.

                Output: each time with the zone's offset at that instant (2026-03-29T03:00:00+02:00); a zone that \
                is always UTC prints Z (2026-03-29T01:00:00Z).

                --from: ISO 8601 with Z or an offset (2026-03-28T00:00:00Z, 2026-03-28T01:00:00+01:00); without \
                one, a wall-clock date-time in --tz (a repeated time is its first occurrence, one in a gap the end \
                of the gap); a date alone is midnight in --tz. Default: now. Times are strictly after --from.

                Exit status 2 for bad input (naming EXPR, --from, --tz or --count), including an expression that \
                never fires (0 0 30 2 *).
                """
        )

        @Argument(help: "The cron expression, quoted: '30 2 * * *'.")
        var expression: String

        @Option(help: "Start after this instant (ISO 8601; default now).")
        var from: String?

        @Option(help: "Time zone of the expression, e.g. Europe/Berlin (default UTC).")
        var tz: String?

        @Option(help: "How many fire times to print, 1...10000 (default \(CronNextReport.defaultCount)).")
        var count: Int?

        func run() throws {
            let lines: [String]
            do {
                lines = try CronNextReport.lines(expression: expression, from: from, zone: tz, count: count, now: Date())
            } catch {
                throw CommandFailure.badInput(error.description)
            }
            let out = OutputBuffer()
            for line in lines { out.write(line + "\n") }
            out.flush()
        }
    }
}
