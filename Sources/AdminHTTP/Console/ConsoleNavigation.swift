/// The console's navigation, in order. A page area whose index page exists adds its line here.
enum ConsoleNavigation {
    static let entries: [(path: String, label: String)] = [
        ("/", "Dashboard"),
        ("/review", "Review"),
        ("/accounts", "Accounts"),
        ("/rating/rules", "Rating"),
        ("/jobs", "Jobs"),
        ("/imports", "Imports"),
        ("/archives", "Archives"),
    ]

    /// The entries as the layout sees them; `current` (the route's path) marks the entry it belongs to.
    static func items(current: String) -> [[String: Any]] {
        entries.map { entry in
            let isCurrent = entry.path == "/" ? current == "/" : current.hasPrefix(entry.path)
            return ["href": entry.path, "label": entry.label, "current": isCurrent]
        }
    }
}
