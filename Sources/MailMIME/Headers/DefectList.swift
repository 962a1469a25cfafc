/// Keeps the defects one header value adds free of repeats (a To list of 17 local names is one repair, not 17).
enum DefectList {
    /// Removes repeats among `defects[mark...]`, keeping the first of each, in order.
    static func dedupe(_ defects: inout [MIMEDefect], from mark: Int) {
        guard defects.count - mark > 1 else { return }
        var seen = Set<MIMEDefect>()
        var kept: [MIMEDefect] = []
        for defect in defects[mark...] where seen.insert(defect).inserted { kept.append(defect) }
        defects.replaceSubrange(mark..., with: kept)
    }
}
