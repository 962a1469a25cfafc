/// The mail providers whose addresses say nothing about a person's company (§8 candidates): a shared domain there is
/// no reason to suggest a contact.
///
/// A short list on purpose, of the providers business mail actually comes from in Europe and North America; a missed
/// provider only adds a weak domain suggestion, which an administrator can reject once for that address.
public enum PublicMailDomains {
    /// Exact domains.
    static let domains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "ymail.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "web.de", "t-online.de", "freenet.de", "posteo.de", "mailbox.org",
        "proton.me", "protonmail.com", "pm.me", "mail.com", "fastmail.com", "zoho.com", "mail.ru", "orange.fr",
        "free.fr", "laposte.net", "libero.it", "qq.com", "163.com",
    ]
    /// Providers with a domain in many countries (`yahoo.co.uk`, `gmx.net`, `hotmail.de`): the first label decides.
    static let anyCountry: Set<String> = ["yahoo", "gmx", "hotmail", "outlook", "live", "yandex"]

    /// Whether `domain` (lower case, as in `EmailAddress.domain`) belongs to a public mail provider.
    public static func contains(_ domain: some StringProtocol) -> Bool {
        let domain = String(domain)
        if domains.contains(domain) { return true }
        guard let dot = domain.firstIndex(of: ".") else { return false }
        return anyCountry.contains(String(domain[..<dot]))
    }
}
