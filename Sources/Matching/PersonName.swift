/// Display names compared as names (§8 "a contact with the same display name"): without case, blanks, quotes and
/// punctuation, and in any order of their words, so that `"Acme, Cathy"`, `cathy  ACME` and `Cathy Acme` are one
/// name. Accents are kept (`Müller` is not `Muller`): folding them needs Unicode tables this module does not carry.
enum PersonName {
    /// The comparison key of `raw`, nil when nothing name-like is left or it is an address (`"a@b" <a@b>`).
    static func key(_ raw: String) -> String? {
        guard !raw.contains("@") else { return nil }
        let words = raw.lowercased().split { character in
            character.isWhitespace || character == "," || character == "." || character == "\"" || character == "'"
                || character == "(" || character == ")" || character == ";"
        }
        guard !words.isEmpty else { return nil }
        return words.map(String.init).sorted().joined(separator: " ")
    }
}
