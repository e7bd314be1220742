import COEFormat
import Foundation

/// B4: acronyms are spelled out on first use.
public struct AcronymsSpelledOut: Rule {
    public static let description = RuleDescription(
        id: "B4", name: "Acronyms spelled out", level: .warning,
        checks: "The first use of an acronym (two or more capitals) in the document, in canonical order, is spelled out: \"Payment Service Provider (PSP)\" or \"PSP (payment service provider)\". The configuration's `acronyms` list is exempt; ticket ids such as PAY-4471 are not acronyms.",
        rationale: "\"Acronyms are spelled out on first use. A configured allow-list holds those everyone knows (e.g. AWS, API, HTTP).\"",
        fix: "Write the words out with the acronym in parentheses the first time, or add a common one to `acronyms`.",
        bad: RuleExample(file: "response.md", replacing: "The checkout error-rate alarm", with: "The checkout PSP alarm", line: 3, column: 14),
        good: RuleExample(file: "response.md", replacing: "The checkout error-rate alarm", with: "The checkout Payment Service Provider (PSP) alarm"))

    static let acronym = Pattern("(?<![\\p{L}\\p{N}_-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?)(?![\\p{L}\\p{N}_]|-\\d)")

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        let allowed = Set(context.configuration.acronyms.map { $0.uppercased() })
        var seen = Set<String>()
        var findings: [Diagnostic] = []
        for unit in context.allUnits {
            let text = unit.text as NSString
            // Only words with two capitals can be acronyms: the regular expression runs on those texts alone.
            let utf16 = unit.utf16
            guard unit.words.contains(where: { word in utf16[word.start..<(word.start + word.length)].lazy.filter { $0 >= 0x41 && $0 <= 0x5A }.count >= 2 }) else { continue }
            for match in Self.acronym.matches(in: unit) {
                var word = match.text
                if word.hasSuffix("s"), word.dropLast().allSatisfy({ $0.isUppercase || $0.isNumber }) { word.removeLast() }
                guard word.count <= 8, !allowed.contains(word), !seen.contains(word) else { continue }
                seen.insert(word)
                if Self.isDefined(at: match.range, in: text) { continue }
                findings.append(finding(unit, at: match, "'\(word)' is not spelled out on first use; write the words with (\(word)) after them"))
            }
        }
        return findings
    }

    /// True for "Words (ABC)" or "ABC (words)".
    static func isDefined(at range: NSRange, in text: NSString) -> Bool {
        let before = text.substring(to: range.location)
        let after = text.substring(from: range.location + range.length)
        if before.hasSuffix("("), after.hasPrefix(")") { return true }
        let trimmed = after.drop(while: { $0 == " " })
        if trimmed.hasPrefix("("), let close = trimmed.firstIndex(of: ")") {
            return trimmed[trimmed.index(after: trimmed.startIndex)..<close].split(separator: " ").count >= 2
        }
        return false
    }
}
