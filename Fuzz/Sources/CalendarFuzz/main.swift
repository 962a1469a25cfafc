import Calendar
import CFuzzerDriver
import Glibc

// Every input must read without a crash, a hang or a sanitizer report, and writing must be stable: what we write
// from any input reads back to exactly the same bytes (the round trip of §9.4 on our own output).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let object = CalendarObject(bytes: bytes)
    var touched = object.defects.count
    for event in object.events {
        touched &+= event.fields.attendees.count &+ (event.fields.title?.utf8.count ?? 0)
        if let start = event.fields.start { touched &+= Int(truncatingIfNeeded: object.instant(of: start) ?? 0) }
    }
    let written = object.serialized()
    let again = CalendarObject(bytes: written).serialized()
    if again != written {
        fatalError("round trip not stable: \(written.count) bytes written, \(again.count) on the second round")
    }
    return touched == Int.min ? 1 : 0
}
exit(status)
