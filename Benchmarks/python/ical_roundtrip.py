#!/usr/bin/env python3
"""The reference for Benchmarks/CalendarBenchmark: Python's icalendar (Debian python3-icalendar) on the same files.

    python3 ical_roundtrip.py [--rounds N] DIR

Each round parses DIR/calendar.ics (one calendar) and then every DIR/resources/*.ics, touches what a sync maps
(SUMMARY, DTSTART/DTEND as datetimes, ATTENDEE, ORGANIZER, RRULE, EXDATE, RECURRENCE-ID, LAST-MODIFIED) and
serialises each calendar again (to_ical). Prints the same RESULT lines as the Swift benchmark.
"""
import os
import sys
import time

import icalendar


def one_round(inputs):
    events = 0
    for data in inputs:
        cal = icalendar.Calendar.from_ical(data)
        for ev in cal.walk("VEVENT"):
            events += 1
            str(ev.get("SUMMARY", ""))
            for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "LAST-MODIFIED"):
                if name in ev:
                    ev.decoded(name)
            attendees = ev.get("ATTENDEE", [])
            if not isinstance(attendees, list):
                attendees = [attendees]
            [str(a).lower() for a in attendees]
            str(ev.get("ORGANIZER", ""))
            ev.get("RRULE")
            ev.get("EXDATE")
        cal.to_ical()
    return events


def measure(label, inputs, rounds):
    size = sum(len(b) for b in inputs)
    times = []
    events = 0
    for _ in range(rounds):
        start = time.perf_counter()
        events = one_round(inputs)
        times.append(time.perf_counter() - start)
    times.sort()
    best, median = times[0], times[len(times) // 2]
    print("%-28s %6d events %8.1f KB  best %7.3f s  median %7.3f s  %9.0f events/s  %6.1f MB/s"
          % ("python icalendar, " + label, events, size / 1024, best, median, events / best, size / best / 1e6))
    print("RESULT engine=python mode=%s events=%d bytes=%d best_s=%f median_s=%f"
          % (label.replace(" ", "_"), events, size, best, median))


def main(argv):
    rounds = 3
    if argv[:1] == ["--rounds"]:
        rounds = int(argv[1])
        argv = argv[2:]
    directory = argv[0]
    with open(os.path.join(directory, "calendar.ics"), "rb") as f:
        one = f.read()
    names = sorted(os.listdir(os.path.join(directory, "resources")))
    resources = []
    for name in names:
        with open(os.path.join(directory, "resources", name), "rb") as f:
            resources.append(f.read())
    measure("one calendar", [one], rounds)
    measure("resources", resources, rounds)


if __name__ == "__main__":
    main(sys.argv[1:])
