extension TimeZoneRules {
    /// A zone defined outside the tz database (an iCalendar VTIMEZONE): its transitions, each the instant (UTC
    /// seconds) from which an offset is in force, and the offset before the first. Past the last transition its
    /// offset stays.
    public init(identifier: String, transitions: [(time: Int64, offset: Int32)], initialOffset: Int32) {
        let sorted = transitions.sorted { $0.time < $1.time }
        self.init(identifier: identifier, transitionTimes: sorted.map(\.time), transitionOffsets: sorted.map(\.offset),
                  initialOffset: initialOffset, footer: nil)
    }
}
