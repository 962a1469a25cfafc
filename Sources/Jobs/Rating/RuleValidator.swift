import CRMCore

/// `rating validate` (§6): overlapping ranges of one account type with the suggested repair, and gaps between ranges.
public enum RuleValidator {
    /// One problem of the rules of one account type.
    public enum Finding: Hashable, Sendable, CustomStringConvertible {
        /// `later` overlaps `earlier`; the repair makes it start one unit after `earlier` ends (`suggested`), or
        /// removes it (`suggested == nil`) when nothing of it would remain.
        case overlap(earlier: RatingRule, later: RatingRule, suggested: RatingRule?)
        /// No rule covers `from...to` between two ranges.
        case gap(AccountType, from: Int64, to: Int64)

        public var description: String {
            func range(_ r: RatingRule) -> String { "\(r.amountFrom)–\(r.amountTo) (rating \(r.rating))" }
            switch self {
            case .overlap(let earlier, let later, let suggested):
                let fix = suggested.map { "suggest \($0.amountFrom)–\($0.amountTo)" } ?? "suggest removing it"
                return "\(earlier.accountType): \(range(later)) overlaps \(range(earlier)); \(fix)"
            case .gap(let type, let from, let to):
                return "\(type): no rule covers \(from)–\(to)"
            }
        }
    }

    /// The findings of `rules`, by account type then range, and the rules as repaired (overlaps resolved).
    public static func validate(_ rules: [RatingRule]) -> (findings: [Finding], repaired: [RatingRule]) {
        var findings: [Finding] = []
        var repaired: [RatingRule] = []
        for (type, ofType) in Dictionary(grouping: rules, by: \.accountType).sorted(by: { $0.key < $1.key }) {
            let sorted = ofType.sorted { ($0.amountFrom, $0.amountTo, $0.rating) < ($1.amountFrom, $1.amountTo, $1.rating) }
            var previous: RatingRule?
            for rule in sorted {
                guard let earlier = previous else { previous = rule; repaired.append(rule); continue }
                if rule.amountFrom <= earlier.amountTo {
                    if rule.amountTo > earlier.amountTo {
                        var fixed = rule
                        fixed.amountFrom = earlier.amountTo + 1
                        findings.append(.overlap(earlier: earlier, later: rule, suggested: fixed))
                        repaired.append(fixed)
                        previous = fixed
                    } else {
                        findings.append(.overlap(earlier: earlier, later: rule, suggested: nil))
                    }
                } else {
                    if rule.amountFrom > earlier.amountTo + 1 {
                        findings.append(.gap(type, from: earlier.amountTo + 1, to: rule.amountFrom - 1))
                    }
                    repaired.append(rule)
                    previous = rule
                }
            }
        }
        return (findings, repaired)
    }

    /// Validates the stored rules; with `repair`, replaces the rules of the types with overlaps by the repaired ones
    /// in one transaction.
    public static func run(store: any RatingStore, repair: Bool) throws -> [Finding] {
        let rules = try store.allRules()
        let (findings, repaired) = validate(rules)
        if repair {
            var types = Set<AccountType>()
            for case .overlap(let earlier, _, _) in findings { types.insert(earlier.accountType) }
            if !types.isEmpty {
                try store.replaceRules(ofTypes: types, with: repaired.filter { types.contains($0.accountType) })
            }
        }
        return findings
    }
}
