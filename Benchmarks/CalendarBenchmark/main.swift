// CalendarBenchmark: parse + write throughput of the iCalendar layer (Calendar) on a generated calendar, for the
// later CalDAV sync benchmark (issue 11). Python's `icalendar` runs on the same files in Benchmarks/calendar/run.sh.
//
//     CalendarBenchmark --generate DIR [--events N]   writes DIR/calendar.ics (one VCALENDAR, N events) and
//                                                      DIR/resources/*.ics (one resource per series, as CalDAV holds them)
//     CalendarBenchmark [--rounds N] DIR              times both
//
// Each round reads every event's modelled fields (what a sync maps) and writes the object back. The last lines are
// `RESULT` lines that the run script reads.

import Calendar
import CRMCore
import Foundation

struct Generator {
    var state: UInt64 = 0x5EED_CA1E
    mutating func next(_ n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }
}

func generate(into directory: String, events: Int) throws {
    var g = Generator()
    let names = ["anna", "bob", "carla", "dana", "eve", "frank", "gina", "hugo"]
    let domains = ["acme.example", "globex.example", "initech.example", "umbrella.example"]
    let words = ["review", "kick-off", "call", "demo", "workshop", "contract", "follow-up", "planning", "visit"]
    let berlin = ICalDateTime.Form.zoned(tzid: "Europe/Berlin")
    let now = CivilTime(year: 2026, month: 12, day: 1, hour: 9)
    var resources: [[UInt8]] = []
    var count = 0
    var index = 0
    while count < events {
        index += 1
        var f = EventFields(uid: "bench-\(index)@crmservice.example")
        f.title = "\(words[g.next(words.count)].capitalized) with \(domains[g.next(domains.count)]) #\(index)"
        let day = CivilTime(seconds: CivilTime(year: 2026, month: 1, day: 5).seconds + Int64(g.next(700)) * 86_400)
        let hour = 8 + g.next(9)
        let kind = g.next(10)
        let form: ICalDateTime.Form = kind < 6 ? .utc : kind < 8 ? berlin : .date
        let start = CivilTime(year: day.year, month: day.month, day: day.day, hour: form == .date ? 0 : hour)
        f.start = ICalDateTime(start, form)
        f.end = form == .date ? ICalDateTime(CivilTime(seconds: start.seconds + 86_400), .date)
            : ICalDateTime(CivilTime(seconds: start.seconds + Int64(30 + 30 * g.next(4)) * 60), form)
        f.location = g.next(2) == 0 ? "Room \(g.next(20)), Main building" : nil
        f.description = String(repeating: "Notes for the meeting; agenda, figures and next steps. ", count: 1 + g.next(12))
        f.organizer = EmailAddress("\(names[g.next(names.count)])@example.com")
        f.attendees = (0..<(1 + g.next(5))).compactMap { _ in EmailAddress("\(names[g.next(names.count)])@\(domains[g.next(domains.count)])") }
        f.status = .confirmed
        f.lastModified = ICalDateTime(now, .utc)
        f.sequence = g.next(4)
        var overrides: [EventFields] = []
        if kind == 7 || kind == 5 {
            // A weekly series with an exception and a moved occurrence: three VEVENT lines of work, one resource.
            f.recurrenceRule = RecurrenceRule("FREQ=WEEKLY;COUNT=10")
            let next = { (weeks: Int64) in ICalDateTime(CivilTime(seconds: start.seconds + weeks * 7 * 86_400), form) }
            f.exceptionDates = [next(2)]
            var moved = EventFields(uid: f.uid, title: (f.title ?? "") + " (moved)")
            moved.recurrenceID = next(3)
            moved.start = ICalDateTime(CivilTime(seconds: start.seconds + 3 * 7 * 86_400 + 86_400), form)
            moved.end = moved.start
            overrides.append(moved)
        }
        count += 1 + overrides.count
        resources.append(CalendarObject.new(f, overrides: overrides, now: now).serialized())
    }
    let fm = FileManager.default
    try fm.createDirectory(atPath: directory + "/resources", withIntermediateDirectories: true)
    for (i, bytes) in resources.enumerated() {
        fm.createFile(atPath: directory + "/resources/\(i).ics", contents: Data(bytes))
    }
    // The same events as one calendar: one VCALENDAR, one VTIMEZONE per zone, every VEVENT.
    var all = ICalComponent("VCALENDAR")
    all.append(ICalProperty("VERSION", value: Array("2.0".utf8)))
    all.append(ICalProperty("PRODID", value: Array(CalendarObject.productID.utf8)))
    var zones: Set<String> = []
    var vevents: [ICalComponent] = []
    for bytes in resources {
        for c in ICalendarParser().parse(bytes).components[0].components {
            if c.name == "VTIMEZONE" {
                if zones.insert(c.first("TZID")?.text ?? "").inserted { all.append(c) }
            } else {
                vevents.append(c)
            }
        }
    }
    vevents.forEach { all.append($0) }
    fm.createFile(atPath: directory + "/calendar.ics", contents: Data(ICalendar(components: [all]).serialized()))
    print("generated \(count) events in \(resources.count) resources under \(directory)")
}

/// One round over `inputs`: read every object and its events' fields, write it back. Returns events seen.
func round(_ inputs: [[UInt8]], resolver: TimeZoneResolver) -> (events: Int, written: Int) {
    var events = 0, written = 0
    for bytes in inputs {
        let object = CalendarObject(bytes: bytes, resolver: resolver)
        for event in object.events {
            let f = event.fields
            events += 1
            written &+= f.attendees.count &+ (f.title?.utf8.count ?? 0)
            if let start = f.start { written &+= Int(truncatingIfNeeded: object.instant(of: start) ?? 0) & 1 }
        }
        written &+= object.serialized().count
    }
    return (events, written)
}

func measure(_ label: String, _ inputs: [[UInt8]], rounds: Int) {
    let bytes = inputs.reduce(0) { $0 + $1.count }
    let resolver = TimeZoneResolver()
    var times: [Double] = []
    var events = 0
    for _ in 0..<rounds {
        let clock = ContinuousClock()
        let start = clock.now
        events = round(inputs, resolver: resolver).events
        let d = clock.now - start
        times.append(Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }
    times.sort()
    let best = times[0], median = times[times.count / 2]
    print(String(format: "%-28@ %6d events %8.1f KB  best %7.3f s  median %7.3f s  %9.0f events/s  %6.1f MB/s",
                 "swift Calendar, \(label)" as NSString, events, Double(bytes) / 1024, best, median,
                 Double(events) / best, Double(bytes) / best / 1e6))
    print("RESULT engine=swift mode=\(label.replacingOccurrences(of: " ", with: "_")) events=\(events) bytes=\(bytes) best_s=\(best) median_s=\(median)")
}

var args = Array(CommandLine.arguments.dropFirst())
var rounds = 5
var events = 5_000
var generateDirectory: String?
var directory: String?
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--rounds": rounds = Int(args.removeFirst()) ?? rounds
    case "--events": events = Int(args.removeFirst()) ?? events
    case "--generate": generateDirectory = args.removeFirst()
    default: directory = a
    }
}
if let generateDirectory {
    try generate(into: generateDirectory, events: events)
} else if let directory {
    let fm = FileManager.default
    let one = [UInt8](fm.contents(atPath: directory + "/calendar.ics") ?? Data())
    let names = (try fm.contentsOfDirectory(atPath: directory + "/resources")).sorted()
    let resources = names.map { [UInt8](fm.contents(atPath: directory + "/resources/" + $0) ?? Data()) }
    measure("one calendar", [one], rounds: rounds)
    measure("resources", resources, rounds: rounds)
} else {
    FileHandle.standardError.write(Data("usage: CalendarBenchmark --generate DIR [--events N] | [--rounds N] DIR\n".utf8))
    exit(2)
}
