import COEFormat
import Foundation

/// B2: third person, no "I", "we", "our", "us".
public struct ThirdPerson: Rule {
    public static let description = RuleDescription(
        id: "B2", name: "Third person", level: .warning,
        checks: "No first-person words (I, me, my, we, our, ours, us and their contractions) in the document's text, outside "
            + "quotations (between double or single quotes, or a Markdown block quote: what customers were shown, a customer's words).",
        rationale: "\"Third person: no 'I', 'we', 'our', 'us' in the document body.\"",
        fix: "Name the team or role: \"the payments team rolled back\", not \"we rolled back\".",
        triggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers could not sign in to the mobile app.
                An alarm paged ↓us at 14:09 UTC, and ↓we rolled the deployment back.

                """),
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, the app's customers' sessions expired, and ↓we restored them
                at 14:30 UTC.

                """),
        ],
        nonTriggering: [
            RuleExample("summary.md", """
                Between 14:05 and 14:25 UTC on 2026-03-01, customers in the US could not sign in to the mobile
                app in us-east-1 and us-central1. They saw "We could not sign you in. Try again later." An alarm paged
                the identity team at 14:09 UTC, and the team rolled the deployment back. The status page read 'We are
                investigating sign-in errors' from 14:12 UTC, and ‘We’re sorry’ after.

                > Our app has not let me sign in, and my order is stuck.

                """),
        ])

    static let lowerFirstPerson = WordList(["we", "we're", "we've", "we'll", "we'd", "our", "ours", "ourselves", "me", "my", "mine", "myself"])
    /// "I" only as a capital, and "us" not in capitals ("US" is the country).
    static let caseSensitive = WordList(["I", "I'm", "I've", "I'll", "I'd", "us", "Us"], caseSensitive: true)

    public init() {}

    /// A word joined to its neighbours by `-`, `_`, `/` or `.` is part of a code, not a pronoun: `us` in the regions
    /// `us-east-1` and `us-central1`, `I` in `I/O`, `me` in `me-south-1`.
    static let joiners: Set<UInt16> = [0x2D, 0x5F, 0x2F, 0x2E]

    static func isPartOfCode(_ range: NSRange, in utf16: [UInt16]) -> Bool {
        let before = range.location > 0 ? utf16[range.location - 1] : nil
        let afterIndex = range.location + range.length
        let after = afterIndex < utf16.count ? utf16[afterIndex] : nil
        // A full stop after the word ends a sentence ("paged us."); one before it, with no space, joins a name.
        if let before, joiners.contains(before) { return true }
        if let after, after != 0x2E, joiners.contains(after) {
            // "us-" followed by a letter or digit: a code; "we-" would be odd English anyway.
            return afterIndex + 1 < utf16.count && utf16[afterIndex + 1] != 0x20 && utf16[afterIndex + 1] != 0x0A
        }
        return false
    }

    /// True when `offset` is inside a quotation: between double quotes ("…", “…”) or single quotes ('…', ‘…’) in the
    /// same paragraph, or on a Markdown block-quote line ("> …"). Quoted words are someone's own (an error message, a
    /// customer's mail, a status page's words), not the document's voice. A single quote is one only at a word's edge
    /// ("the status page read 'We are investigating'"), not an apostrophe ("customer's", "engineers' laptops" closes
    /// nothing that was not opened). Read only for a unit with a first-person word.
    static func isQuoted(_ offset: Int, in utf16: [UInt16]) -> Bool {
        // Back to the start of the line, then of the paragraph.
        var lineStart = offset
        while lineStart > 0, utf16[lineStart - 1] != 0x0A { lineStart -= 1 }
        var first = lineStart
        while first < offset, utf16[first] == 0x20 { first += 1 }
        if first < utf16.count, utf16[first] == 0x3E { return true }   // "> …"
        var paragraphStart = lineStart
        while paragraphStart > 1, !(utf16[paragraphStart - 1] == 0x0A && utf16[paragraphStart - 2] == 0x0A) { paragraphStart -= 1 }
        func isWordCharacter(_ index: Int) -> Bool {
            guard index >= 0, index < utf16.count else { return false }
            let unit = utf16[index]
            return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5A) || (unit >= 0x61 && unit <= 0x7A) || unit >= 0xC0
        }
        /// A single quote that opens (after no letter, before one) or closes (after a letter or a stop, before none).
        func singleQuote(at index: Int) -> (opens: Bool, closes: Bool) {
            switch utf16[index] {
            case 0x2018: return (true, false)
            case 0x27, 0x2019:
                let before = isWordCharacter(index - 1), after = isWordCharacter(index + 1)
                let stop = index > 0 && [0x2E, 0x21, 0x3F, 0x2C].contains(utf16[index - 1])
                return (utf16[index] == 0x27 && !before && after, (before || stop) && !after)
            default: return (false, false)
            }
        }
        // Straight double quotes open and close in turn; curly ones say which they are.
        var straightOpen = false, curlyDepth = 0, singleOpen = false
        for index in paragraphStart..<offset {
            switch utf16[index] {
            case 0x22: straightOpen.toggle()
            case 0x201C: curlyDepth += 1
            case 0x201D: curlyDepth = max(0, curlyDepth - 1)
            case 0x27, 0x2018, 0x2019:
                let quote = singleQuote(at: index)
                if quote.opens { singleOpen = true } else if quote.closes { singleOpen = false }
            default: break
            }
        }
        guard straightOpen || curlyDepth > 0 || singleOpen else { return false }
        // Quoted only if the quotation closes after it, in the same paragraph.
        var index = offset
        while index < utf16.count, !(utf16[index] == 0x0A && index + 1 < utf16.count && utf16[index + 1] == 0x0A) {
            let unit = utf16[index]
            if straightOpen && unit == 0x22 || curlyDepth > 0 && unit == 0x201D { return true }
            if singleOpen, unit == 0x27 || unit == 0x2019, singleQuote(at: index).closes { return true }
            index += 1
        }
        return false
    }

    public func check(_ context: LintContext) -> [Diagnostic] {
        context.allUnits.flatMap { unit in
            (Self.lowerFirstPerson.matches(in: unit) + Self.caseSensitive.matches(in: unit)).filter {
                !Self.isPartOfCode($0.range, in: unit.utf16) && !Self.isQuoted($0.range.location, in: unit.utf16)
            }.map {
                finding(unit, at: $0, "first person ('\($0.text)'); write in the third person, naming the team or role")
            }
        }
    }
}
