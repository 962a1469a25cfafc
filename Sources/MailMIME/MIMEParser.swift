/// Parses RFC 5322 / MIME messages from bytes into `ParsedMessage`. Never throws on content.
public struct MIMEParser: Sendable {
    /// Limits and fallbacks. Defaults suit hostile mail from the Internet.
    public struct Options: Sendable {
        /// The largest header block read as headers (bytes); the rest is read as body. Per entity.
        public var maxHeaderBytes: Int = 1 << 20
        /// The most header fields kept per entity.
        public var maxHeaderCount: Int = 1_000
        /// The deepest multipart / message nesting parsed; deeper entities are kept as opaque attachments.
        public var maxDepth: Int = 32
        /// The most MIME parts (entities) read in one message.
        public var maxParts: Int = 10_000
        /// Charset used for 8-bit header bytes that are not UTF-8 and for unknown charsets.
        public var fallbackCharset: String = "windows-1252"
        /// Keep the decoded bytes of attachments (capture stores them); `parse` only needs their sizes.
        public var keepAttachmentData: Bool = true

        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Parses one message. Content problems become `ParsedMessage.defects`, never errors.
    public func parse(_ bytes: [UInt8]) -> ParsedMessage {
        // Placeholder until the body half lands: headers only.
        var defects: [MIMEDefect] = []
        let block = HeaderBlockParser.parse(bytes, in: bytes.startIndex..<bytes.endIndex, options: options, defects: &defects)
        var message = ParsedMessage()
        message.headers = block.fields
        message.defects = defects
        return message
    }
}
