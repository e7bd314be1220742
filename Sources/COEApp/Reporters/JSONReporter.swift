import COEFormat
import COELint

/// A stable JSON document (schema in docs/rules.md#json-output):
/// `{"version": 1, "summary": {...}, "coes": [...], "findings": [...]}`.
public struct JSONReporter: Reporter {

    public init() {}

    public func report(_ results: [LintResult]) -> String {
        let findings = results.flatMap { result in
            result.findings.map { finding -> JSON in .object(DiagnosticRenderer.members(finding) + [("coe", JSON(result.id))]) }
        }
        let coes = results.map { result -> JSON in
            ["path": JSON(result.directory), "id": JSON(result.id), "status": JSON(result.status?.rawValue),
             "errors": JSON(result.errorCount), "warnings": JSON(result.warningCount)]
        }
        return JSONText.text([
            "version": 1,
            "summary": ["coes": JSON(results.coeCount), "errors": JSON(results.errorCount),
                        "warnings": JSON(results.warningCount)],
            "coes": .array(coes),
            "findings": .array(findings),
        ])
    }
}
