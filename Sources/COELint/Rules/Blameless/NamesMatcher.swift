import COEFormat

/// Finds people's names in a COE's text: whole words, any case, possessives included.
struct NamesMatcher {
    let pattern: Pattern?

    init(names: [String]) {
        let cleaned = Set(names.map { $0.trimmingWhitespaceForNames }.filter { !$0.isEmpty })
        // Longer names first, so "Alex Kim" wins over a configured "Alex".
        let sorted = cleaned.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        pattern = sorted.isEmpty ? nil : Pattern(words: sorted.flatMap { [$0 + "'s", $0 + "’s", $0] })
    }

    func findings(in context: LintContext, _ make: (TextUnit, Pattern.Match) -> Diagnostic) -> [Diagnostic] {
        guard let pattern else { return [] }
        return context.allUnits.flatMap { unit in pattern.matches(in: unit.text).map { make(unit, $0) } }
    }
}

extension String {
    var trimmingWhitespaceForNames: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
