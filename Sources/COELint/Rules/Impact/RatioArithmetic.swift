import COEFormat
import Foundation

/// I3: ratios are written "X of Y (Z percent)" and the arithmetic is right.
public struct RatioArithmetic: Rule {
    public static let description = RuleDescription(
        id: "I3", name: "Ratio arithmetic", level: .error,
        checks: "Every \"X of Y (Z percent)\" (or Z%) in the text has Z equal to X/Y × 100 within the precision Z is written with (7.6 means 7.55 to 7.65); thousands separators and decimals are understood. X larger than Y is an error too.",
        rationale: "\"Ratios are written 'X of Y (Z percent)' and the arithmetic is right: 691,252,856 of 24,600,749,571 is 2.8 percent. A wrong percentage is an error.\"",
        fix: "Recompute the percentage, or correct X or Y.",
        triggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (↓6.6 percent) could not sign in.
                Order impact: none.

                """),
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, ↓48,120 of 48,000 customers (100.3 percent) could not sign in.
                Order impact: none.

                """),
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,120 of 48,000 customers (6.5 percent) could not sign in.
                Order impact: none; 0 of 0 orders (↓0 percent) were placed without a session.

                """),
        ],
        nonTriggering: [
            RuleExample("impact.md", """
                Between 14:05 and 14:25 UTC, 3,150 of 48,000 customers (6.6 percent) could not sign in.
                Order impact: none.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.allUnits.flatMap { unit -> [Diagnostic] in
            // A ratio needs " of " and a parenthesis; most text has neither.
            guard unit.contains(ascii: " of "), unit.contains(ascii: "(") else { return [] }
            return Self.ratios(in: unit.utf16).compactMap { ratio in
                let partText = Self.text(ratio.part, unit.utf16), wholeText = Self.text(ratio.whole, unit.utf16)
                let percentText = Self.text(ratio.percent, unit.utf16)
                guard let part = Self.value(partText), let whole = Self.value(wholeText), let written = Self.value(percentText) else { return nil }
                if whole == 0 { return finding(unit, atUTF16: ratio.percent.lowerBound, "a ratio of zero ('\(wholeText)') has no percentage") }
                if part > whole { return finding(unit, atUTF16: ratio.part.lowerBound, "\(partText) of \(wholeText) is more than the whole") }
                let decimals = percentText.split(separator: ".").dropFirst().first?.count ?? 0
                let actual = part / whole * 100
                let tolerance = 0.5 * pow(10, -Double(decimals)) + 1e-9
                guard abs(actual - written) > tolerance else { return nil }
                let shown = String(format: "%.\(max(decimals, 1))f", actual)
                return finding(unit, atUTF16: ratio.percent.lowerBound, "\(partText) of \(wholeText) is \(shown) percent, not \(percentText)")
            }
        }
    }

    /// "X of Y … (Z percent)" in UTF-16: the ranges of X, Y and Z. X and Y may have thousands separators and
    /// decimals; up to 80 characters without parentheses may stand between Y and "(Z percent)" or "(Z%)".
    static func ratios(in units: [UInt16]) -> [(part: Range<Int>, whole: Range<Int>, percent: Range<Int>)] {
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < units.count && units[index] >= 0x30 && units[index] <= 0x39 }
        func isSpace(_ index: Int) -> Bool { index < units.count && (units[index] == 0x20 || units[index] == 0x0A || units[index] == 0x09) }
        /// A number starting at `index` (digits, with ",ddd" groups and a ".d+" fraction); its end, or nil.
        func number(at index: Int) -> Int? {
            guard isDigit(index), !isDigit(index - 1), index == 0 || (units[index - 1] != 0x2E && units[index - 1] != 0x2C) else { return nil }
            var end = index
            while isDigit(end) { end += 1 }
            while end + 3 < units.count, units[end] == 0x2C, isDigit(end + 1), isDigit(end + 2), isDigit(end + 3), !isDigit(end + 4) { end += 4 }
            if end + 1 < units.count, units[end] == 0x2E, isDigit(end + 1) {
                end += 1
                while isDigit(end) { end += 1 }
            }
            return end
        }
        func skipSpaces(_ index: Int) -> Int { var index = index; while isSpace(index) { index += 1 }; return index }
        var result: [(Range<Int>, Range<Int>, Range<Int>)] = []
        var index = 0
        while index < units.count {
            guard let partEnd = number(at: index) else { index += 1; continue }
            defer { index = max(index + 1, partEnd) }
            var cursor = partEnd
            guard isSpace(cursor) else { continue }
            cursor = skipSpaces(cursor)
            guard cursor + 2 < units.count, units[cursor] == 0x6F || units[cursor] == 0x4F, units[cursor + 1] == 0x66 || units[cursor + 1] == 0x46,
                  isSpace(cursor + 2) else { continue }
            cursor = skipSpaces(cursor + 2)
            guard let wholeEnd = number(at: cursor), !(wholeEnd < units.count && (units[wholeEnd] >= 0x41 && units[wholeEnd] <= 0x7A)) else { continue }
            let wholeStart = cursor
            var open = wholeEnd
            while open < units.count, open - wholeEnd <= 80, units[open] != 0x28, units[open] != 0x29 { open += 1 }
            guard open < units.count, units[open] == 0x28 else { continue }
            let percentStart = skipSpaces(open + 1)
            guard let percentEnd = number(at: percentStart), !units[percentStart..<percentEnd].contains(0x2C) else { continue }
            var after = skipSpaces(percentEnd)
            let lower = units[after..<min(units.count, after + 8)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
            if lower.starts(with: Array("percent".utf16)) { after += 7 }
            else if lower.starts(with: Array("per cent".utf16)) { after += 8 }
            else if after < units.count, units[after] == 0x25 { after += 1 }
            else { continue }
            after = skipSpaces(after)
            guard after < units.count, units[after] == 0x29 else { continue }
            result.append((index..<partEnd, wholeStart..<wholeEnd, percentStart..<percentEnd))
        }
        return result
    }

    static func text(_ range: Range<Int>, _ units: [UInt16]) -> String { TextUnit.string(units[range]) }

    /// The number a ratio's text writes ("1,204.5"), its thousands separators left out. By `filter`, not Foundation's
    /// `replacingOccurrences`, which bridged each text to an NSString: the three values of each ratio cost 54,000
    /// instructions (27.2 million for the 500 ratios of 100 generated COEs; callgrind, 2026-12-02).
    static func value(_ text: String) -> Double? { Double(text.filter { $0 != "," }) }
}
