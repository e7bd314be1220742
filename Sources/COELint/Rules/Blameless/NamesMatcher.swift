import COEFormat

extension WordList {
    /// Every match in every text of the COE, as findings.
    func findings(in context: LintContext, _ make: (TextUnit, Pattern.Match) -> Diagnostic) -> [Diagnostic] {
        context.allUnits.flatMap { unit in matches(in: unit).map { make(unit, $0) } }
    }
}
