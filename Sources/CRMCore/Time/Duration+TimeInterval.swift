extension Duration {
    /// The duration in seconds, fractions included: what `Date` arithmetic, backoff maths and log lines need.
    public var timeInterval: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
