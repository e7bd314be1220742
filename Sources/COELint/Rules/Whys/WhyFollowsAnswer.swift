import Foundation
import COEFormat

/// W3: each why asks about the previous answer.
public struct WhyFollowsAnswer: Rule {
    public static let description = RuleDescription(
        id: "W3", name: "Why follows the answer", level: .warning,
        checks: "Each why shares at least one content word (four letters or more, compared by stem: limit, limits, limited) with the answer it follows or with the question above it (a branch may ask about that question's other side).",
        rationale: "\"Each why asks about the previous answer.\" A why that shares nothing with the answer before it has usually jumped to another question.",
        fix: "Ask about the answer just given, in its own words.",
        bad: RuleExample(file: "whys.yaml", replacing: "      - why: Why did requests to the payment gateway time out?",
                         with: "      - why: Why was nobody paged sooner?", line: 5, column: 9),
        good: RuleExample(file: "whys.yaml", replacing: "      - why: Why did requests to the payment gateway time out?",
                          with: "      - why: Why did requests to the payment gateway time out?"))

    static let stopWords: Set<String> = ["that", "this", "with", "from", "were", "was", "have", "been", "what", "when", "which", "there",
                                         "their", "they", "does", "did", "into", "only", "than", "then", "also", "some", "each", "every",
                                         "because", "could", "would", "should", "after", "before", "about", "over", "under", "more", "less"]

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        func visit(_ node: WhyNode) {
            let asked = Self.contentWords(node.because).union(Self.contentWords(node.why))
            for child in node.then {
                if asked.isDisjoint(with: Self.contentWords(child.why)) {
                    findings.append(finding(context.whysFile, child.position, "this why shares no word with the answer before it ('\(node.because)'); ask about that answer"))
                }
                visit(child)
            }
        }
        for (_, _, roots) in context.document.whys.questions { roots.forEach(visit) }
        return findings
    }

    static func contentWords(_ text: String) -> Set<String> {
        Set(text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).compactMap { piece in
            let word = String(piece)
            guard word.count >= 4, !stopWords.contains(word) else { return nil }
            return stem(word)
        })
    }

    /// A crude stem, enough to match "limit", "limits", "limited" and "limiting".
    static func stem(_ word: String) -> String {
        for suffix in ["ing", "ed", "es", "s"] where word.hasSuffix(suffix) && word.count - suffix.count >= 4 && !word.hasSuffix("ss") {
            return String(word.dropLast(suffix.count))
        }
        return word
    }
}
