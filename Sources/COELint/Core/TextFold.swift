import COEFormat
import Foundation

/// Text as the name and secret rules compare it (B1, B6): what hides a name or a key from a plain
/// comparison folded away, with a way back to the offsets of the text as written.
///
/// Three steps, per character (an extended grapheme cluster), on text that is not plain ASCII:
/// - default-ignorable code points are removed: zero-width spaces and joiners, soft hyphens, word
///   joiners, bidirectional controls, variation selectors ("Da\u{200B}na", "AKIA\u{AD}…");
/// - NFKC: decomposed accents composed ("Jose\u{301}" is "José"), compatibility forms replaced
///   (full-width "Ｄａｎａ", mathematical "𝐃𝐚𝐧𝐚", ligatures);
/// - letters of Cyrillic and Greek that look like Latin ones are folded to them (`confusables`, a
///   small table after Unicode's confusables.txt): "Dаna" with a Cyrillic а is "Dana".
///
/// The folded text is what the rules match; a match's offsets are mapped back with `original(_:)`,
/// so a finding points at the text as written. Plain ASCII text is its own fold (nothing is copied).
struct TextFold {
    /// The folded text, as UTF-16.
    let utf16: [UInt16]
    /// For each folded code unit, the offset in the original of the character it came from, and the
    /// original's length at the end; nil when the fold is the original.
    private let origins: [Int]?

    /// True when folding changed nothing.
    var isIdentity: Bool { origins == nil }

    init(_ units: [UInt16]) {
        guard Self.mayChange(units) else {
            utf16 = units
            origins = nil
            return
        }
        var folded: [UInt16] = []
        var origins: [Int] = []
        folded.reserveCapacity(units.count)
        origins.reserveCapacity(units.count + 1)
        var changed = false
        let text = String(decoding: units, as: UTF16.self)
        var offset = 0
        for character in text {
            let width = character.utf16.count
            defer { offset += width }
            let scalars = character.unicodeScalars
            // A character of one scalar nothing folds, or of ASCII only (CR LF): as it is. Several scalars
            // with one beyond ASCII may compose ("e" and a combining acute accent): folded.
            if scalars.count == 1 ? !Self.mayFold(scalars.first!) : scalars.allSatisfy(\.isASCII) {
                for unit in character.utf16 { folded.append(unit); origins.append(offset) }
                continue
            }
            changed = true
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars.filter { !$0.properties.isDefaultIgnorableCodePoint })
            guard !kept.isEmpty else { continue }
            for scalar in String(kept).precomposedStringWithCompatibilityMapping.unicodeScalars
            where !scalar.properties.isDefaultIgnorableCodePoint {
                let target = Self.confusables[scalar.value].flatMap(Unicode.Scalar.init) ?? scalar
                for unit in String(target).utf16 { folded.append(unit); origins.append(offset) }
            }
        }
        origins.append(units.count)
        if !changed || folded == units {
            // Only characters that needed no fold (accented letters, CJK, emoji …): the original as it is.
            utf16 = units
            self.origins = nil
        } else {
            utf16 = folded
            self.origins = origins
        }
    }

    /// `text` folded, and the fold that maps its offsets back; nil when folding changes nothing (plain
    /// ASCII is never copied).
    static func fold(_ text: String) -> (text: String, fold: TextFold?) {
        guard !text.isASCIIBytes else { return (text, nil) }
        // Not ASCII (just seen): its UTF-16 as it is, without `utf16Units` looking at its bytes again.
        let fold = TextFold(Array(text.utf16))
        return fold.isIdentity ? (text, nil) : (String(decoding: fold.utf16, as: UTF16.self), fold)
    }

    /// The original offset of a folded offset: the start of the character it came from (the original's
    /// length for the end).
    func original(_ offset: Int) -> Int {
        guard let origins else { return offset }
        return origins[min(max(offset, 0), origins.count - 1)]
    }

    /// The original range of a folded range: from its first character's start to the start of the
    /// character after its last (so what was removed inside it is inside the original range too).
    func original(_ range: NSRange) -> NSRange {
        guard let origins else { return range }
        let start = original(range.location)
        guard range.length > 0 else { return NSRange(location: start, length: 0) }
        let last = min(range.location + range.length - 1, origins.count - 2)
        var end = last + 1
        while end < origins.count - 1, origins[end] == origins[last] { end += 1 }
        return NSRange(location: start, length: origins[end] - start)
    }

    /// True when some character of `units` may fold: most text beyond ASCII (dashes, curly quotes,
    /// accented letters, other scripts) has none, and is found so by one pass over its code units.
    /// ASCII is passed over four units at a time (a unit at a time, the pass cost 115 million instructions for the
    /// 1,000 generated COEs; callgrind, 2026-12-02).
    private static func mayChange(_ units: [UInt16]) -> Bool {
        units.withUnsafeBufferPointer { mayChange($0) }
    }

    private static func mayChange(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        guard let base = units.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index < units.count {
            if index + 4 <= units.count, raw.loadUnaligned(fromByteOffset: index * 2, as: UInt64.self) & 0xFF80_FF80_FF80_FF80 == 0 {
                index += 4
                continue
            }
            let unit = units[index]
            index += 1
            guard unit >= 0x80 else { continue }
            var value = UInt32(unit)
            if UTF16.isLeadSurrogate(unit), index < units.count, UTF16.isTrailSurrogate(units[index]) {
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else { continue }
            if mayFold(scalar) { return true }
            // A combining mark may compose with the letter before it.
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: continue
            }
        }
        return false
    }

    /// A scalar that folding may change: default-ignorable, changed by NFKC (or by case folding, which
    /// the property cannot tell apart: those take the slow path and come out as they were), or a look-alike.
    private static func mayFold(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 && (scalar.properties.changesWhenNFKCCaseFolded || confusables[scalar.value] != nil)
    }

    /// Cyrillic and Greek letters drawn like Latin ones, to those Latin letters (after confusables.txt).
    static let confusables: [UInt32: UInt32] = {
        let pairs: [(String, String)] = [
            // Cyrillic
            ("А", "A"), ("В", "B"), ("Е", "E"), ("К", "K"), ("М", "M"), ("Н", "H"), ("О", "O"), ("Р", "P"), ("С", "C"), ("Т", "T"),
            ("Х", "X"), ("У", "Y"), ("Ѕ", "S"), ("І", "I"), ("Ј", "J"), ("Ԁ", "D"), ("Ԛ", "Q"), ("Ԝ", "W"), ("Ү", "Y"),
            ("а", "a"), ("е", "e"), ("о", "o"), ("р", "p"), ("с", "c"), ("х", "x"), ("у", "y"), ("ѕ", "s"), ("і", "i"), ("ј", "j"),
            ("ԁ", "d"), ("ԛ", "q"), ("ԝ", "w"), ("һ", "h"), ("ү", "y"),
            // Greek
            ("Α", "A"), ("Β", "B"), ("Ε", "E"), ("Ζ", "Z"), ("Η", "H"), ("Ι", "I"), ("Κ", "K"), ("Μ", "M"), ("Ν", "N"), ("Ο", "O"),
            ("Ρ", "P"), ("Τ", "T"), ("Υ", "Y"), ("Χ", "X"), ("α", "a"), ("ο", "o"), ("ρ", "p"), ("ν", "v"), ("ι", "i"), ("υ", "u"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0.unicodeScalars.first!.value, $0.1.unicodeScalars.first!.value) })
    }()
}
