import CRMCore

extension DigestSettings {
    /// Reads `digest.*` when the file has a `digest` section (nil without one, or with problems recorded).
    /// `publicURL` is `admin.public_url`, which the digest's links need.
    static func read(_ settings: inout SettingsReader, publicURL: String?) -> DigestSettings? {
        guard settings.fileKeys.contains(where: { $0 == "digest" || $0.hasPrefix("digest.") }) else { return nil }
        settings.section("digest")
        var valid = true
        func fail(_ key: String, _ message: String, _ settings: inout SettingsReader) {
            settings.problem("digest.\(key)", message)
            valid = false
        }
        let url = settings.text("digest.smtp_url")
        if let url {
            let lower = url.lowercased()
            if lower.contains("@") {
                fail("smtp_url", "must not hold credentials: give user and password_file", &settings)
            } else if !(lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://")) {
                fail("smtp_url", "\"\(url)\" is not smtp://HOST[:PORT] (STARTTLS) or smtps://HOST[:PORT]", &settings)
            }
        } else {
            fail("smtp_url", "is required", &settings)
        }
        let user = settings.text("digest.user")
        let passwordFile = settings.path("digest.password_file")
        let tokenFile = settings.path("digest.oauth2_token_file")
        if passwordFile != nil && tokenFile != nil {
            fail("oauth2_token_file", "give password_file or oauth2_token_file, not both", &settings)
        }
        if user != nil && passwordFile == nil && tokenFile == nil {
            fail("password_file", "give password_file or oauth2_token_file with user", &settings)
        }
        if user == nil && (passwordFile != nil || tokenFile != nil) { fail("user", "is required with a secret file", &settings) }
        let cacert = settings.path("digest.cacert")
        let from = settings.text("digest.from")
        if let from, EmailAddress(from) == nil {
            fail("from", "\"\(from)\" is not an e-mail address", &settings)
        } else if from == nil {
            fail("from", "is required", &settings)
        }
        if publicURL == nil { settings.problem("admin.public_url", "is required by the digest (its links)"); valid = false }
        let job = JobSettings.scheduled(
            "digest", default: JobSettings.Scheduled(schedule: defaultSchedule), &settings)
        guard valid, let url, let from else { return nil }
        return DigestSettings(smtpURL: url, user: user, passwordFile: passwordFile, oauth2TokenFile: tokenFile,
                              cacert: cacert, from: from, job: job)
    }
}
