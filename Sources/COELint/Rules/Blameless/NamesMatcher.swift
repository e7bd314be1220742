import COEFormat

extension WordList {
    /// Every match of these names in every text of the COE, as findings: the names rules (B1 roster and
    /// history, I5 customers). Texts are compared folded (`TextFold`: no zero-width or direction
    /// characters, NFKC, look-alike letters), so a name broken up or disguised is found; a match's text
    /// is the name as folded, its position where it is written.
    func findings(in context: LintContext, _ make: (TextUnit, Pattern.Match) -> Diagnostic) -> [Diagnostic] {
        context.allUnits.flatMap { unit in foldedMatches(in: unit).map { make(unit, $0) } }
    }

    /// The matches in `unit` folded, with ranges in `unit`'s own text.
    func foldedMatches(in unit: TextUnit) -> [Pattern.Match] {
        guard let fold = unit.fold else { return matches(in: unit) }
        return matches(in: unit.folded).map { Pattern.Match(range: fold.original($0.range), text: $0.text, groups: []) }
    }
}
