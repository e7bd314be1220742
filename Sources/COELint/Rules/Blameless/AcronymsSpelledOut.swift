import COEFormat
import Foundation

/// B4: acronyms are spelled out on first use.
public struct AcronymsSpelledOut: Rule {
    public static let description = RuleDescription(
        id: "B4", name: "Acronyms spelled out", level: .warning,
        checks: "The first use of an acronym (two or more capitals) in the document, in canonical order, is spelled out: \"Payment Service Provider (PSP)\" or \"PSP (payment service provider)\". The configuration's `acronyms` list is exempt, and so are AM and PM, time zone abbreviations, HTTP methods (GET, PUT, DELETE, LIST …) and units (GB, MiB, RPS, IOPS …); ticket ids such as PAY-4471 are not acronyms.",
        rationale: "\"Acronyms are spelled out on first use. A configured allow-list holds those everyone knows (e.g. AWS, API, HTTP).\"",
        fix: "Write the words out with the acronym in parentheses the first time, or add a common one to `acronyms`.",
        triggering: [
            RuleExample("analysis.md", """
                The session store's ↓TTL was unchanged; the TTL was not the problem.

                """),
        ],
        nonTriggering: [
            RuleExample("analysis.md", """
                The session store's time to live (TTL) was unchanged; the TTL was not the problem.
                Ticket IDN-2041 tracks the new deployment check.

                """),
        ])

    public init() {}

    public func check(_ context: LintContext) -> [Diagnostic] {
        // Most configurations add none: the well-known set as it is, not a union made for every COE.
        let allowed = context.configuration.acronyms.isEmpty ? Self.wellKnown
            : Set(context.configuration.acronyms.map { $0.uppercased() }).union(Self.wellKnown)
        var seen = Set<String>()
        var findings: [Diagnostic] = []
        for unit in context.allUnits {
            let utf16 = unit.utf16
            for word in unit.words {
                guard let acronym = Self.acronym(word, in: utf16), !allowed.contains(acronym), !seen.contains(acronym) else { continue }
                seen.insert(acronym)
                let range = NSRange(location: word.start, length: word.bareLength)
                if Self.isDefined(at: range, in: utf16) { continue }
                findings.append(finding(unit, atUTF16: word.start, "'\(acronym)' is not spelled out on first use; write the words with (\(acronym)) after them"))
            }
        }
        return findings
    }

    /// Capitals that are not acronyms to spell out, whatever the configuration says: AM and PM, time zone
    /// abbreviations (those `TimeExpression` reads), HTTP methods, and units of size and rate. The
    /// configuration's `acronyms` adds to these.
    static let wellKnown: Set<String> = Set(TimeExpression.abbreviations.keys).union([
        "AM", "PM", "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "LIST",
        "KB", "MB", "GB", "TB", "PB", "EB", "KIB", "MIB", "GIB", "TIB", "KBPS", "MBPS", "GBPS", "RPS", "QPS", "TPS", "IOPS",
        "OK", "ASAP",
    ])

    /// The acronym a word is: two or more capitals (digits allowed, a plural s dropped), at most 8 long;
    /// not a ticket id (followed by "-" and a digit) and not the tail of a hyphenated word.
    static func acronym(_ word: WordList.Word, in utf16: [UInt16]) -> String? {
        // A word not starting with a capital is none (most words: asked of every word of every text, the whole test
        // below cost 24.8 million instructions for 100 generated COEs; callgrind, 2026-12-02).
        guard word.bareLength > 0, utf16[word.start] >= 0x41 && utf16[word.start] <= 0x5A else { return nil }
        let end = word.start + word.bareLength
        var units = utf16[word.start..<end]
        if units.count > 2, units.last == 0x73, units.dropLast().allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }) {
            units = units.dropLast()
        }
        guard units.count <= 8, let first = units.first, first >= 0x41 && first <= 0x5A,
              units.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }),
              units.filter({ $0 >= 0x41 && $0 <= 0x5A }).count >= 2 else { return nil }
        if word.start > 0, utf16[word.start - 1] == 0x2D || utf16[word.start - 1] == 0x5F { return nil }
        if end + 1 < utf16.count, utf16[end] == 0x2D, utf16[end + 1] >= 0x30 && utf16[end + 1] <= 0x39 { return nil }
        if end < utf16.count, utf16[end] == 0x5F { return nil }
        return TextUnit.string(units)
    }

    /// True for "Words (ABC)" or "ABC (words)".
    static func isDefined(at range: NSRange, in utf16: [UInt16]) -> Bool {
        let end = range.location + range.length
        if range.location > 0, utf16[range.location - 1] == 0x28, end < utf16.count, utf16[end] == 0x29 { return true }
        var index = end
        while index < utf16.count, utf16[index] == 0x20 { index += 1 }
        guard index < utf16.count, utf16[index] == 0x28, let close = utf16[index...].firstIndex(of: 0x29) else { return false }
        return utf16[(index + 1)..<close].split(separator: 0x20).count >= 2
    }
}
