import Foundation

/// Where the login page may send a browser afterwards: only a path of this server (`/review?page=2`), never another
/// site (`//evil.example`, `https://…`, `/\evil`), so the `next` parameter cannot be used to redirect elsewhere.
enum LocalPath {
    /// `candidate` when it is a local path, else `/`.
    static func safe(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"),
              candidate.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7f }),
              !candidate.hasPrefix("/login")
        else { return "/" }
        return candidate
    }

    /// `/login?next=…` for a request of `path` and `query`.
    static func loginRedirect(path: String, query: String?) -> String {
        let target = path + (query.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
        if safe(target) == "/" { return "/login" }
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(0x80)))
        allowed.insert(charactersIn: "-._~/")
        return "/login?next=" + (target.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/")
    }
}
