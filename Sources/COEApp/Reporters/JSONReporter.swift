import COEFormat
import COELint
import Foundation

/// A stable JSON document (schema in docs/rules.md#json-output):
/// `{"version": 1, "summary": {...}, "coes": [...], "findings": [...]}`.
public struct JSONReporter: Reporter {
    public static let name = "json"

    public init() {}

    public func report(_ results: [LintResult]) -> String {
        let findings: [[String: Any]] = results.flatMap { result in
            result.findings.map { finding -> [String: Any] in
                ["file": finding.file, "level": finding.level.rawValue, "message": finding.message,
                                             "rule": finding.rule ?? NSNull(), "coe": result.id ?? NSNull(),
                 "line": finding.position?.line ?? NSNull(), "column": finding.position?.column ?? NSNull()]
            }
        }
        let coes: [[String: Any]] = results.map { result in
            ["path": result.directory, "id": result.id ?? NSNull(), "status": result.status?.rawValue ?? NSNull(),
             "errors": result.errorCount, "warnings": result.warningCount]
        }
        let object: [String: Any] = [
            "version": 1,
            "summary": ["coes": results.coeCount, "errors": results.reduce(0) { $0 + $1.errorCount },
                        "warnings": results.reduce(0) { $0 + $1.warningCount }],
            "coes": coes,
            "findings": findings,
        ]
        return JSONText.text(object)
    }
}
