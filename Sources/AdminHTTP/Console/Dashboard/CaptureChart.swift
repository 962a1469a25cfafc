import CRMCore
import Foundation

/// The dashboard's chart of messages captured per day, stacked by outcome (activity, unmatched, ignored, duplicate),
/// as numbers for an SVG drawn by the template: every value the template prints is a number, a day or an outcome
/// name, escaped like any other value; no script draws it.
struct CaptureChart {
    static let outcomes: [PolledOutcome] = [.activity, .unmatched, .ignored, .duplicate]
    /// Fill colours (SVG presentation attributes, which the CSP's `style-src` does not govern).
    static let colours: [PolledOutcome: String] = [
        .activity: "#2456a6", .unmatched: "#d08a1e", .ignored: "#8a8f99", .duplicate: "#9fc0ea",
    ]
    static let barWidth = 18, gap = 4, plotHeight = 160, left = 44, top = 10, bottom = 24

    let days: [Day]
    let counts: [Day: [PolledOutcome: Int]]

    /// The `count` days ending with the UTC day of `now`, oldest first.
    init(counts: [DailyOutcomeCount], endingAt now: Date, days count: Int = 30) {
        days = (0..<count).reversed().map { Day(utc: now.addingTimeInterval(-86_400 * Double($0))) }
        var byDay: [Day: [PolledOutcome: Int]] = [:]
        for entry in counts { byDay[entry.day, default: [:]][entry.outcome, default: 0] += entry.count }
        self.counts = byDay
    }

    var highest: Int { days.map { day in counts[day]?.values.reduce(0, +) ?? 0 }.max() ?? 0 }

    /// What the template sees: the SVG's size, the bars with their stacked segments, the axis labels, the legend,
    /// and the same numbers as a table.
    var data: [String: Any] {
        let scale = highest == 0 ? 0 : Double(Self.plotHeight) / Double(highest)
        let baseline = Self.top + Self.plotHeight
        var bars: [[String: Any]] = []
        for (index, day) in days.enumerated() {
            let x = Self.left + index * (Self.barWidth + Self.gap)
            var segments: [[String: Any]] = []
            var stacked = 0
            for outcome in Self.outcomes {
                let value = counts[day]?[outcome] ?? 0
                guard value > 0 else { continue }
                let y0 = Int((Double(stacked) * scale).rounded()), y1 = Int((Double(stacked + value) * scale).rounded())
                stacked += value
                segments.append(["outcome": outcome.rawValue, "count": value, "x": x, "y": baseline - y1,
                                 "height": max(1, y1 - y0), "fill": Self.colours[outcome] ?? "#000"])
            }
            bars.append(["day": day.rawValue, "total": stacked, "segments": segments, "labelX": x + Self.barWidth / 2,
                         "label": index % 5 == 4 || index == days.count - 1 ? String(day.rawValue.suffix(5)) : ""])
        }
        let rows = days.reversed().map { day -> [String: Any] in
            ["day": day.rawValue] + Dictionary(uniqueKeysWithValues: Self.outcomes.map { ($0.rawValue, counts[day]?[$0] ?? 0) })
        }
        return [
            "width": Self.left + days.count * (Self.barWidth + Self.gap), "height": baseline + Self.bottom,
            "baseline": baseline, "top": Self.top, "axisX": Self.left - 4, "labelY": baseline + 16, "highest": highest,
            "highestY": Self.top + 10, "barWidth": Self.barWidth, "bars": bars, "rows": rows,
            "legend": Self.outcomes.map { ["outcome": $0.rawValue, "fill": Self.colours[$0] ?? "#000"] },
            "empty": highest == 0,
        ]
    }
}

private func + (a: [String: Any], b: [String: Any]) -> [String: Any] { a.merging(b) { _, new in new } }
