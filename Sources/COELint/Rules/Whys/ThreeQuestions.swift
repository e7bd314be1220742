import COEFormat

/// W5: the analysis asks why it happened, why detection took so long, and why resolution took so long.
public struct ThreeQuestions: Rule {
    public static let description = RuleDescription(
        id: "W5", name: "Three questions", level: .warning,
        checks: "whys.yaml has chains under each of happened, detection and resolution (an empty file is reported by S1).",
        rationale: "\"The analysis covers three questions: why did it happen, why did it take so long to detect, why did it take so long to resolve.\"",
        fix: "Add the missing question's chain; when detection or resolution was fast, one chain can say why.",
        bad: RuleExample(file: "whys.yaml", with: """
            happened:
              - why: Why did checkout fail?
                because: Payment calls timed out waiting for a connection.
                then:
                  - why: Why did payment calls wait for a connection?
                    because: The connection pool held 20 connections per host.
                    then:
                      - why: Why did the pool hold 20 connections?
                        because: The template filled the pool size from a library default.
                        then:
                          - why: Why did the template use a default?
                            because: Every key of the template was optional.
                            then:
                              - why: Why was every key optional?
                                because: The schema had no required keys for production services.
                                root_cause: true
                                actions: [A1]

            """, line: nil, column: nil),
        good: RuleExample(file: "whys.yaml", replacing: "detection:\n", with: "detection:\n"))

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let whys = context.document.whys
        guard !whys.isEmpty else { return [] }
        return whys.questions.filter { $0.chains.isEmpty }.map { key, title, _ in
            finding(context.whysFile, nil, "no chain under '\(key)' (\(title))")
        }
    }
}
