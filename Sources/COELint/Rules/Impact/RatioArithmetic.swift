import COEFormat
import Foundation

/// I3: ratios are written "X of Y (Z percent)" and the arithmetic is right.
public struct RatioArithmetic: Rule {
    public static let description = RuleDescription(
        id: "I3", name: "Ratio arithmetic", level: .error,
        checks: "Every \"X of Y (Z percent)\" (or Z%) in the text has Z equal to X/Y × 100 within the precision Z is written with (7.6 means 7.55 to 7.65); thousands separators and decimals are understood. X larger than Y is an error too.",
        rationale: "\"Ratios are written 'X of Y (Z percent)' and the arithmetic is right: 691,252,856 of 24,600,749,571 is 2.8 percent. A wrong percentage is an error.\"",
        fix: "Recompute the percentage, or correct X or Y.",
        bad: RuleExample(file: "impact.md", replacing: "18,432 of 241,106 checkout attempts\n(7.6 percent)", with: "18,432 of 241,106 checkout attempts\n(6.7 percent)", line: 4, column: 2),
        good: RuleExample(file: "impact.md", replacing: "18,432 of 241,106 checkout attempts\n(7.6 percent)", with: "18,432 of 241,106 checkout attempts\n(7.6 percent)"))

    static let number = "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?"
    static let ratio = Pattern("(?<![\\d.,])\(number)\\s+of\\s+\(number)\\b[^()]{0,80}?\\(\\s*(\\d+)(?:\\.(\\d+))?\\s*(?:percent|per cent|%)\\s*\\)", caseInsensitive: true)

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.allUnits.flatMap { unit in
            // A ratio needs " of " and a parenthesis; most text has neither.
            (unit.contains(ascii: " of ") && unit.contains(ascii: "(") ? Self.ratio.matches(in: unit) : []).compactMap { match -> Diagnostic? in
                func value(_ whole: Int, _ fraction: Int) -> Double? {
                    guard let text = match.groups[whole]?.text else { return nil }
                    let fractionText = match.groups[fraction]?.text
                    return Double(text.replacingOccurrences(of: ",", with: "") + (fractionText.map { "." + $0 } ?? ""))
                }
                guard let part = value(1, 2), let whole = value(3, 4), let written = value(5, 6),
                      let percentGroup = match.groups[5] else { return nil }
                let decimals = match.groups[6]?.text.count ?? 0
                if whole == 0 { return finding(unit, atUTF16: percentGroup.range.location, "a ratio of zero ('\(match.groups[3]!.text)') has no percentage") }
                if part > whole {
                    return finding(unit, atUTF16: match.range.location, "\(match.groups[1]!.text) of \(match.groups[3]!.text) is more than the whole")
                }
                let actual = part / whole * 100
                let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-9
                guard abs(actual - written) > tolerance else { return nil }
                let shown = String(format: "%.\(max(decimals, 1))f", actual)
                return finding(unit, atUTF16: percentGroup.range.location,
                               "\(match.groups[1]!.text) of \(match.groups[3]!.text) is \(shown) percent, not \(percentGroup.text)\(match.groups[6].map { "." + $0.text } ?? "")")
            }
        }
    }
}
