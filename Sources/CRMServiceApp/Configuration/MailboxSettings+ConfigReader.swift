import Foundation

extension MailboxSettings {
    /// Every mailbox the file names under `mailboxes` (a mapping keyed by mailbox name), in name order.
    static func all(reading settings: inout SettingsReader, defaultInterval: Int) -> [MailboxSettings] {
        var names: Set<String> = []
        for key in settings.fileKeys where key.hasPrefix("mailboxes.") {
            let components = key.split(separator: ".", omittingEmptySubsequences: false)
            if components.count >= 3 {
                names.insert(String(components[1]))
            } else {
                let before = settings.problems.count
                settings.section(key)
                if settings.problems.count == before { // `corporate:` alone
                    settings.problem(key, "has no settings: url, user and password_file or oauth2_token_file are required")
                }
            }
        }
        return names.sorted().compactMap { name in
            MailboxSettings(name: name, reading: &settings, defaultInterval: defaultInterval)
        }
    }

    /// Reads `mailboxes.NAME.*`; nil (with problems recorded) when a required key is missing or wrong.
    init?(name: String, reading settings: inout SettingsReader, defaultInterval: Int) {
        let prefix = "mailboxes.\(name)"
        var valid = true
        func fail(_ key: String, _ message: String, _ settings: inout SettingsReader) {
            settings.problem("\(prefix).\(key)", message)
            valid = false
        }
        if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            settings.problem(prefix, "a mailbox name is letters, digits, - and _")
            valid = false
        }
        let url = settings.text("\(prefix).url")
        if let url, !Self.isMailboxURL(url) {
            fail("url", "\"\(url)\" is not imaps://HOST[:PORT]/FOLDER or imap://HOST[:PORT]/FOLDER", &settings)
        } else if url == nil {
            fail("url", "is required", &settings)
        }
        let user = settings.text("\(prefix).user")
        if user == nil { fail("user", "is required", &settings) }
        let passwordFile = settings.path("\(prefix).password_file")
        let tokenFile = settings.path("\(prefix).oauth2_token_file")
        switch (passwordFile, tokenFile) {
        case (nil, nil): fail("password_file", "give password_file or oauth2_token_file", &settings)
        case (.some, .some): fail("oauth2_token_file", "give password_file or oauth2_token_file, not both", &settings)
        default: break
        }
        let cacert = settings.path("\(prefix).cacert")
        var after = AfterCapture.seen
        if let text = settings.text("\(prefix).after") {
            if let parsed = AfterCapture(text) { after = parsed } else {
                fail("after", "\"\(text)\" is not seen, none or move:FOLDER", &settings)
            }
        }
        let since = settings.text("\(prefix).since")
        if let since, !Self.isDay(since) { fail("since", "\"\(since)\" is not a day YYYY-MM-DD", &settings) }
        let interval = settings.int("\(prefix).interval_seconds", default: defaultInterval, in: 1...Int.max)
        let enabled = settings.bool("\(prefix).enabled", default: true)
        let idle = settings.bool("\(prefix).idle", default: true)
        guard valid, let url, let user else { return nil }
        self.init(
            name: name, url: url, user: user, passwordFile: passwordFile, oauth2TokenFile: tokenFile, cacert: cacert,
            after: after, since: since, intervalSeconds: interval, enabled: enabled, idle: idle)
    }

    /// `imaps://HOST[:PORT]/FOLDER` or `imap://…`: a host and a non-empty folder.
    static func isMailboxURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard let scheme = ["imaps://", "imap://"].first(where: lower.hasPrefix) else { return false }
        let rest = lower.dropFirst(scheme.count)
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex, rest.first != ":" else { return false }
        return rest.index(after: slash) != rest.endIndex
    }

    /// `YYYY-MM-DD`, a real calendar day.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }
}
