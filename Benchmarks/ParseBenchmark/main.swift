// ParseBenchmark: MailMIME's parse throughput over a set of messages held in memory (issue #2).
//
//     swift build -c release --product ParseBenchmark
//     .build/release/ParseBenchmark [--rounds N] [--sizes-only] (--list FILE | MESSAGE.eml...)
//
// It reads every file first, then parses them all once per round and touches what the references
// (Benchmarks/gmime/parse_gmime.c, Benchmarks/python/parse_email.py) touch: Message-ID, Date, From/To/Cc,
// Subject, the body text and the attachments' names and decoded sizes. The last line is a `RESULT` line that
// scripts/bench reads; its counters let one compare what the engines saw.

import Foundation
import MailMIME

struct Arguments {
    var rounds = 5
    var sizesOnly = false
    var files: [String] = []

    static func parse(_ args: [String]) -> Arguments {
        var result = Arguments()
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { usage("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--rounds":
                guard let n = Int(value()), n > 0 else { usage("--rounds needs a positive number") }
                result.rounds = n
            case "--sizes-only":
                result.sizesOnly = true
            case "--list":
                let path = value()
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { usage("cannot read \(path)") }
                result.files += text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            case "-h", "--help":
                usage(nil)
            default:
                if args[i].hasPrefix("--") { usage("unknown option \(args[i])") }
                result.files.append(args[i])
            }
            i += 1
        }
        if result.files.isEmpty { usage("no messages given") }
        return result
    }

    static func usage(_ problem: String?) -> Never {
        if let problem { FileHandle.standardError.write(Data("ParseBenchmark: \(problem)\n".utf8)) }
        print("usage: ParseBenchmark [--rounds N] [--sizes-only] (--list FILE | MESSAGE.eml...)")
        exit(problem == nil ? 0 : 2)
    }
}

/// What one round saw; identical in every round, and comparable (roughly) across engines.
struct Tally: Equatable {
    var messages = 0
    var addresses = 0
    var headerBytes = 0
    var textBytes = 0
    var attachments = 0
    var attachmentBytes = 0
    var dated = 0

    mutating func add(_ m: ParsedMessage) {
        messages += 1
        if let id = m.messageID { headerBytes += id.utf8.count }
        if let date = m.date, date.timeIntervalSince1970 != 0 { dated += 1 }
        for list in [m.from, m.to, m.cc] {
            for a in list {
                addresses += 1
                headerBytes += a.address.utf8.count + (a.name?.utf8.count ?? 0)
            }
        }
        if let subject = m.subject { headerBytes += subject.utf8.count }
        textBytes += m.text.utf8.count
        for a in m.attachments {
            attachments += 1
            attachmentBytes += a.size
            headerBytes += a.filename?.utf8.count ?? 0
        }
    }
}

let arguments = Arguments.parse(Array(CommandLine.arguments.dropFirst()))

var messages: [[UInt8]] = []
messages.reserveCapacity(arguments.files.count)
var totalBytes = 0
for path in arguments.files {
    guard let data = FileManager.default.contents(atPath: path) else { Arguments.usage("cannot read \(path)") }
    messages.append([UInt8](data))
    totalBytes += data.count
}

var options = MIMEParser.Options()
options.keepAttachmentData = !arguments.sizesOnly
let parser = MIMEParser(options: options)

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

var times: [Double] = []
var tally = Tally()
let clock = ContinuousClock()
for _ in 0..<arguments.rounds {
    var round = Tally()
    let start = clock.now
    for bytes in messages {
        round.add(parser.parse(bytes))
    }
    times.append(seconds(clock.now - start))
    tally = round
}

times.sort()
let best = times[0]
let median = times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
let mb = Double(totalBytes) / 1e6
func fmt(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
print("MailMIME: \(messages.count) messages, \(fmt(mb, 1)) MB, \(arguments.rounds) rounds: best \(fmt(best))s "
    + "(\(fmt(Double(messages.count) / best, 0)) msgs/s, \(fmt(mb / best, 1)) MB/s), median \(fmt(median))s")
print("RESULT engine=MailMIME messages=\(messages.count) bytes=\(totalBytes) rounds=\(arguments.rounds) "
    + "best=\(fmt(best, 6)) median=\(fmt(median, 6)) addresses=\(tally.addresses) dated=\(tally.dated) "
    + "text_bytes=\(tally.textBytes) attachments=\(tally.attachments) attachment_bytes=\(tally.attachmentBytes) "
    + "header_bytes=\(tally.headerBytes)")
