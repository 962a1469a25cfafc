import Foundation

/// The inline forward block of a body text (§11): the header lines a mail client writes above the forwarded text.
///
/// Recognised forms, each with its English, German, Dutch and French wording:
/// - Gmail: `---------- Forwarded message ---------` (also "Weitergeleitete Nachricht", "Doorgestuurd bericht",
///   "Message transféré"; German Gmail keeps the English marker and labels beside "Von:"), then `From:`, `Date:`,
///   `Subject:`, `To:`, `Cc:` lines;
/// - Thunderbird: `-------- Forwarded Message --------` (same phrases, eight dashes), then `Subject:`, `Date:`,
///   `From:`, `To:` (a table in HTML, one row a line once read as text);
/// - Apple Mail: `Begin forwarded message:` ("Anfang der weitergeleiteten Nachricht:", "Begin doorgestuurd bericht:",
///   "Début du message réexpédié :"), a blank line, then the header lines;
/// - Outlook: `From:`, `Sent:`, `To:`, `Cc:`, `Subject:` ("Von:/Gesendet:/An:/Betreff:", "Van:/Verzonden:/Aan:/
///   Onderwerp:", "De :/Envoyé :/À :/Objet :"), after a rule of underscores, after "-----Original Message-----"
///   (and its translations), or with no marker at all; then a `Sent`/`Date` and a `Subject` line are required, so a
///   line starting "From:" in running text is not taken for a block.
///
/// Labels are matched in any of the languages whatever the marker, with blanks, non-breaking spaces (French typography
/// puts one before the colon) and `*` bold marks (Outlook's plain text of HTML) around them. The block ends at its
/// first blank line or at a line that is no header line; a `To:`/`Cc:` line may continue on the next lines. The
/// first block found is the forward: a block further down belongs to a message forwarded inside it. Only the first
/// `searchLimit` bytes of the text are searched for the block (a note above a forward is short; a huge body text is
/// not read line by line for one).
struct InlineForwardBlock {
    static let searchLimit = 256 * 1024
    /// The most header lines a block has (a long `To:` may take a few); more is no block.
    static let maxBlockLines = 64
    enum Field: Hashable { case from, date, to, cc, subject, other }

    var form: ForwardedMessage.Form
    var fields: [(field: Field, value: String)]
    /// The lines above the block (the forwarding user's note), and the lines after it (the original's text).
    var note: String
    var text: String

    func value(_ field: Field) -> String? { fields.first { $0.field == field }?.value }

    static func find(in text: String) -> InlineForwardBlock? {
        let window = text[..<windowEnd(of: text)]
        let lines = window.split(separator: "\n", omittingEmptySubsequences: false)
        // Each line's label read once: a block is tried from many lines of a hostile text.
        let labels = lines.map { label(of: $0) }
        let blank = lines.map(isBlank)
        var index = 0
        var searched = 0
        while index < lines.count, searched < searchLimit {
            searched += lines[index].utf8.count + 1
            let found: InlineForwardBlock?
            if let form = marker(lines[index]) {
                var start = index + 1
                while start < lines.count, start <= index + 3, blank[start] { start += 1 }
                found = block(lines, labels, blank, in: text, from: start, form: form, noteEnd: index,
                              strict: form == .outlook)
            } else if labels[index]?.field == .from {
                found = block(lines, labels, blank, in: text, from: index, form: .outlook, noteEnd: index, strict: true)
            } else {
                found = nil
            }
            if let found { return found }
            index += 1
        }
        return nil
    }

    /// The end of the part of `text` searched: `searchLimit` characters, and room for a block starting there.
    private static func windowEnd(of text: String) -> String.Index {
        guard var end = text.index(text.startIndex, offsetBy: searchLimit, limitedBy: text.endIndex) else {
            return text.endIndex
        }
        for _ in 0..<(maxBlockLines + 8) {
            guard let newline = text[end...].firstIndex(of: "\n") else { return text.endIndex }
            end = text.index(after: newline)
        }
        return end
    }

    /// The block whose header lines start at `lines[start]`: at most `maxBlockLines` of them, else no block (so that
    /// text made of header-like lines is read in linear time).
    private static func block(_ lines: [Substring], _ labels: [(field: Field, value: String)?], _ blank: [Bool],
                              in text: String, from start: Int, form: ForwardedMessage.Form, noteEnd: Int, strict: Bool)
        -> InlineForwardBlock? {
        // Where the header lines end, from the lines' labels alone (cheap: tried from many lines of a hostile text).
        var end = start
        var last: Field? = nil
        var names: Set<Field> = []
        while end < lines.count, !blank[end] {
            guard end - start < maxBlockLines else { return nil }
            if let field = labels[end]?.field {
                last = field
                names.insert(field)
            } else if !(last == .to || last == .cc) || !lines[end].contains("@") {
                break
            }
            end += 1
        }
        guard names.contains(.from) else { return nil }
        if strict, !names.contains(.date) || !names.contains(.subject) { return nil }
        var fields: [(field: Field, value: String)] = []
        for index in start..<end {
            if let label = labels[index] {
                fields.append(label)
            } else {
                fields[fields.count - 1].value += " " + lines[index].trimmingCharacters(in: .whitespaces)
            }
        }
        var rest = end
        while rest < lines.count, blank[rest] { rest += 1 }
        let after = rest < lines.count ? text[lines[rest].startIndex...] : text[(lines.last?.endIndex ?? text.endIndex)...]
        return InlineForwardBlock(
            form: form, fields: fields,
            note: lines[..<noteEnd].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines),
            text: after.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The form a marker line announces, nil for any other line.
    static func marker(_ line: Substring) -> ForwardedMessage.Form? {
        let trimmed = line.trimmingCharacters(in: blanks)
        let lower = trimmed.lowercased()
        if trimmed.count >= 10, trimmed.allSatisfy({ $0 == "_" }) { return .outlook }
        if apple.contains(where: { lower.hasPrefix($0) }) { return .appleMail }
        let dashes = lower.prefix { $0 == "-" }.count
        guard dashes >= 5 else { return nil }
        let phrase = lower.trimmingCharacters(in: blanksAndDashes)
        if original.contains(phrase) { return .outlook }
        if forwarded.contains(phrase) { return dashes >= 9 ? .gmail : .thunderbird }
        return nil
    }

    /// The field and value of a header line (`Label: value`, `Label : value`, `*Label:* value`).
    static func label(of line: Substring) -> (field: Field, value: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        guard line.distance(from: line.startIndex, to: colon) <= 40 else { return nil }
        let name = line[..<colon].trimmingCharacters(in: blanksAndStars).lowercased()
        guard !name.isEmpty, name.count <= 24, let field = labels[name] else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: blanksAndStars)
        return (field, value)
    }

    private static func isBlank(_ line: Substring) -> Bool { line.trimmingCharacters(in: blanks).isEmpty }

    /// Blanks, with the non-breaking spaces French labels carry ("De\u{A0}:", "Objet\u{202F}:").
    static let blanks = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\u{A0}\u{202F}\u{2007}\u{FEFF}\r"))
    private static let blanksAndStars = blanks.union(CharacterSet(charactersIn: "*"))
    private static let blanksAndDashes = blanks.union(CharacterSet(charactersIn: "-"))

    static let labels: [String: Field] = {
        var table: [String: Field] = [:]
        let words: [(Field, [String])] = [
            (.from, ["from", "von", "van", "de", "expéditeur", "absender", "afzender"]),
            (.date, ["sent", "date", "datum", "gesendet", "verzonden", "envoyé", "verstuurd", "sent at"]),
            (.to, ["to", "an", "aan", "à", "pour", "destinataire", "empfänger", "ontvanger"]),
            (.cc, ["cc", "kopie", "copie", "kopie (cc)", "copie à"]),
            (.subject, ["subject", "betreff", "onderwerp", "objet", "sujet", "betreft"]),
            (.other, ["reply-to", "antwort an", "antwoord aan", "répondre à", "organization", "organisation",
                      "importance", "wichtigkeit", "urgentie", "priorité", "bcc", "attachments", "anlagen", "bijlagen",
                      "pièces jointes"]),
        ]
        for (field, names) in words { for name in names { table[name] = field } }
        return table
    }()

    private static let forwarded: Set<String> = [
        "forwarded message", "weitergeleitete nachricht", "doorgestuurd bericht", "message transféré",
        "doorgestuurd e-mailbericht", "message transfere",
    ]
    private static let original: Set<String> = [
        "original message", "ursprüngliche nachricht", "oorspronkelijk bericht", "message d'origine",
        "message d’origine",
    ]
    private static let apple: [String] = [
        "begin forwarded message", "anfang der weitergeleiteten nachricht", "begin doorgestuurd bericht",
        "début du message réexpédié", "début du message transféré",
    ]
}
