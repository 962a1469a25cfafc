/// `--max-message-bytes N` of `poll` and `replay` (§12): wins over `capture.max_message_bytes`.
enum MaxMessageBytes {
    /// The option's value, refused (exit 2) unless a positive whole number.
    static func checked(_ value: Int?) throws -> Int? {
        if let value, value < 1 {
            throw CommandFailure.badInput("--max-message-bytes: \(value) is not a positive whole number of bytes")
        }
        return value
    }
}
