import COEFormat
import Foundation

/// A time or date written in prose, as a reader takes it: a clock time (24-hour `14:05`, 12-hour
/// `2:30 PM`, `3pm`) with its zone when one is written next to it (`UTC`, `Z`, `+01:00`, `PST`,
/// `US/Pacific`, `Europe/Berlin`), whether it is approximate (`around 19:00 UTC`); or a vague date
/// that stands in for one (`later this year`, `shortly afterwards`, `yesterday`).
///
/// The one scanner of times in prose: B5 (specific times), Y2 (the summary names the event's times)
/// and the UTC rule read times through it.
public struct TimeExpression: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A clock time.
        case clock
        /// Words that stand in for a date or a time without giving one.
        case vague
    }

    /// A zone written next to a clock time.
    public enum Zone: Sendable, Equatable {
        /// UTC, GMT or Z, with no offset.
        case utc
        /// A numeric offset from UTC, in minutes (`+01:00`, `UTC+2`, `GMT-5`).
        case offset(Int)
        /// A zone's abbreviation (PST, CET …) or IANA name (US/Pacific, Europe/Berlin).
        case named(String)

        /// True for UTC itself (an offset of zero included).
        public var isUTC: Bool {
            switch self {
            case .utc: return true
            case .offset(let minutes): return minutes == 0
            case .named(let name): return ["UTC", "GMT", "ETC/UTC", "ETC/GMT", "UCT", "ZULU"].contains(name.uppercased())
            }
        }

        /// The offset from UTC in minutes on `date` (seconds since 1970), when it can be known.
        public func offsetMinutes(at date: Int64) -> Int? {
            switch self {
            case .utc: return 0
            case .offset(let minutes): return minutes
            case .named(let name):
                let zone = name.contains("/") ? TimeZone(identifier: name) : TimeExpression.abbreviations[name.uppercased()].flatMap(TimeZone.init(secondsFromGMT:))
                return zone.map { $0.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(date))) / 60 }
            }
        }
    }

    public let kind: Kind
    /// Where it is, in UTF-16 units of the text scanned.
    public let range: NSRange
    public let text: String
    /// For a clock time: the hour (0–23, a 12-hour time read with its AM or PM) and minute.
    public let hour: Int?
    public let minute: Int?
    /// Written on a 12-hour clock (with AM or PM).
    public let twelveHour: Bool
    /// The zone written next to it, if any.
    public let zone: Zone?
    /// Preceded by "around", "about", "approximately", "~" …
    public let approximate: Bool

    /// Every time expression in `text`, in order.
    ///
    /// Read by hand from the code units, with no regular expression: matching expressions over whole
    /// parts made `coe lint` of 1,000 COEs 2.1–3.1 times slower (ICU's matcher, and a copy of the text
    /// for each call, on Linux), and even at each candidate 1.4–1.8 times; vague dates are looked up by
    /// word (`WordList`).
    public static func scan(_ text: String) -> [TimeExpression] {
        scan(TextUnit(file: "", text: text, part: nil, field: "", location: nil))
    }

    /// Every time expression in a unit of text, in order (`TextUnit.times` keeps them).
    static func scan(_ unit: TextUnit) -> [TimeExpression] {
        let utf16 = unit.utf16
        let count = utf16.count
        var found: [TimeExpression] = []
        func at(_ index: Int) -> UInt16 { index >= 0 && index < count ? utf16[index] : 0 }
        func isDigit(_ index: Int) -> Bool { let unit = at(index); return unit >= 0x30 && unit <= 0x39 }
        func digit(_ index: Int) -> Int { Int(at(index)) - 0x30 }
        func isLetter(_ index: Int) -> Bool {
            let unit = at(index)
            if unit | 0x20 >= 0x61 && unit | 0x20 <= 0x7A { return true }
            // Beyond ASCII, a letter by its Unicode properties (a dash or a no-break space is not one).
            guard unit >= 0xC0, let scalar = Unicode.Scalar(unit) else { return false }
            return scalar.properties.isAlphabetic
        }
        func lower(_ index: Int) -> UInt16 { at(index) | 0x20 }
        /// `am`/`pm` at `index` (`a.m.`, `AM`), not followed by a letter: the index after it and whether it is pm.
        func meridiem(_ index: Int) -> (end: Int, pm: Bool)? {
            guard lower(index) == 0x61 || lower(index) == 0x70 else { return nil }
            var next = index + 1
            let dotted = at(next) == 0x2E
            if dotted { next += 1 }
            guard lower(next) == 0x6D, isLetter(next) else { return nil }
            next += 1
            // "p.m." ends with its dot; "3pm." ends its sentence with it.
            if isLetter(next) { return nil } else if dotted, at(next) == 0x2E { next += 1 }
            return (next, lower(index) == 0x70)
        }
        var index = 0
        while index < count {
            guard isDigit(index), !isDigit(index - 1), !isLetter(index - 1), ![0x3A, 0x2E, 0x2F].contains(at(index - 1)) else {
                index += 1
                continue
            }
            var end = index + 1
            var hour = digit(index)
            if isDigit(end) { hour = hour * 10 + digit(end); end += 1 }
            var minute = 0
            var hasMinutes = false
            // :MM, then :SS and a fraction.
            if at(end) == 0x3A, isDigit(end + 1), isDigit(end + 2), !isDigit(end + 3), digit(end + 1) <= 5 {
                minute = digit(end + 1) * 10 + digit(end + 2)
                hasMinutes = true
                end += 3
                if at(end) == 0x3A, isDigit(end + 1), isDigit(end + 2), !isDigit(end + 3), digit(end + 1) <= 5 {
                    end += 3
                    if at(end) == 0x2E, isDigit(end + 1) { end += 1; while isDigit(end) { end += 1 } }
                }
            }
            // AM or PM, right after or after one space (a no-break space too).
            var twelve: (end: Int, pm: Bool)?
            twelve = meridiem(end) ?? ([0x20, 0xA0, 0x202F].contains(at(end)) ? meridiem(end + 1) : nil)
            if let half = twelve {
                guard (1...12).contains(hour) else { index = end; continue }
                if !half.pm && hour == 12 { hour = 0 }
                if half.pm && hour < 12 { hour += 12 }
                end = half.end
            } else {
                // A clock time needs minutes (or AM/PM), and is not part of a longer number or word.
                // "09:12Z" is a time in UTC.
                guard hasMinutes, hour <= 23, !isLetter(end) || (at(end) == 0x5A && !isLetter(end + 1)), !isDigit(end), at(end) != 0x3A
                else { index = end; continue }
            }
            var range = NSRange(location: index, length: end - index)
            let (zone, zoneEnd) = Self.zone(after: end, in: utf16)
            if zone != nil { range.length = zoneEnd - index }
            found.append(TimeExpression(kind: .clock, range: range,
                                        text: TextUnit.string(utf16[range.location..<(range.location + range.length)]),
                                        hour: hour, minute: minute, twelveHour: twelve != nil, zone: zone,
                                        approximate: Self.isApproximate(before: index, in: utf16)))
            index = range.location + range.length
        }
        for match in vagueDates.matches(in: unit) {
            found.append(TimeExpression(kind: .vague, range: match.range, text: match.text, hour: nil, minute: nil, twelveHour: false,
                                        zone: nil, approximate: false))
        }
        return found.sorted { $0.range.location < $1.range.location }
    }

    /// Each clock time of `times` (in order) with its sentence and whether a zone is written in that
    /// sentence, next to another time or as a word ("All times are UTC"), by `hasZone`. One pass: a
    /// sentence is found once for all the times in it (finding it for each time, and looking through
    /// every time for each, took 12 s for a 320 KB sentence of times).
    static func bySentence(_ times: [TimeExpression], in unit: TextUnit,
                           hasZone: (NSRange) -> Bool) -> [(time: TimeExpression, sentence: NSRange, zoned: Bool)] {
        var result: [(TimeExpression, NSRange, Bool)] = []
        var index = 0
        while index < times.count {
            let sentence = NumbersNotVagueWords.sentence(around: times[index].range, in: unit.utf16)
            var end = index
            while end < times.count, NSLocationInRange(times[end].range.location, sentence) { end += 1 }
            end = max(end, index + 1)
            let zoned = times[index..<end].contains { $0.zone != nil } || hasZone(sentence)
            for time in times[index..<end] { result.append((time, sentence, zoned)) }
            index = end
        }
        return result
    }

    /// The zone written right after a time (spaces and an opening parenthesis allowed before it), and where it ends.
    static func zone(after start: Int, in utf16: [UInt16]) -> (Zone?, Int) {
        let (zone, end) = zoneAlone(after: start, in: utf16)
        // "(+01:00)": the closing parenthesis belongs to it too.
        if zone != nil, utf16[start..<end].contains(0x28), end < utf16.count, utf16[end] == 0x29 { return (zone, end + 1) }
        return (zone, end)
    }

    static func zoneAlone(after start: Int, in utf16: [UInt16]) -> (Zone?, Int) {
        let count = utf16.count
        /// A hyphen or minus followed (after spaces) by a clock time: a range's second time, not an offset.
        func isRangeEnd(from i: Int) -> Bool {
            guard utf16[i] == 0x2D || utf16[i] == 0x2212 else { return false }
            var j = i + 1
            while j < count, utf16[j] == 0x20 { j += 1 }
            var digits = 0
            while j < count, utf16[j] >= 0x30 && utf16[j] <= 0x39 { j += 1; digits += 1 }
            return (1...2).contains(digits) && j + 2 < count && utf16[j] == 0x3A && utf16[j + 1] >= 0x30 && utf16[j + 1] <= 0x39
                && utf16[j + 2] >= 0x30 && utf16[j + 2] <= 0x39 && (j + 3 >= count || !(utf16[j + 3] >= 0x30 && utf16[j + 3] <= 0x39))
        }
        var index = start
        while index < count, utf16[index] == 0x20 || utf16[index] == 0x28 { index += 1 }
        guard index < count, index - start <= 3 else { return (nil, start) }
        func isAlpha(_ i: Int) -> Bool { i < count && ((utf16[i] | 0x20) >= 0x61 && (utf16[i] | 0x20) <= 0x7A) }
        func isDigit(_ i: Int) -> Bool { i < count && utf16[i] >= 0x30 && utf16[i] <= 0x39 }
        func isSign(_ i: Int) -> Bool { i < count && (utf16[i] == 0x2B || utf16[i] == 0x2D || utf16[i] == 0x2212) }
        /// "+01:00", "+0100", "-5", "+5:30" at `i`: minutes and the end.
        func offset(at i: Int, hoursDigits: ClosedRange<Int>) -> (Int, Int)? {
            guard isSign(i) else { return nil }
            var j = i + 1
            while j < count, utf16[j] == 0x20 { j += 1 }
            var hours = 0, digits = 0
            while isDigit(j), digits < 2 { hours = hours * 10 + Int(utf16[j] - 0x30); j += 1; digits += 1 }
            guard hoursDigits.contains(digits) else { return nil }
            var minutes = 0
            if j < count, utf16[j] == 0x3A { j += 1 }
            if isDigit(j), isDigit(j + 1) { minutes = Int(utf16[j] - 0x30) * 10 + Int(utf16[j + 1] - 0x30); j += 2 }
            guard !isDigit(j) else { return nil }
            let total = hours * 60 + minutes
            return (utf16[i] == 0x2B ? total : -total, j)
        }
        // A numeric offset, but not the second time of a range ("09:12-10:06", "09:12 - 10:06").
        if !isRangeEnd(from: index), let (minutes, end) = offset(at: index, hoursDigits: 2...2) { return (.offset(minutes), end) }
        // A word: its letters (and '/', '_' for IANA names).
        var end = index
        while end < count, isAlpha(end) || utf16[end] == 0x2F || utf16[end] == 0x5F { end += 1 }
        let word = TextUnit.string(utf16[index..<end])
        guard !word.isEmpty, !(end < count && isDigit(end) && !["UTC", "GMT"].contains(word)) else { return (nil, start) }
        if word == "UTC" || word == "GMT" || word == "Z" {
            if let (minutes, offsetEnd) = offset(at: end, hoursDigits: 1...2) { return (.offset(minutes), offsetEnd) }
            return (.utc, end)
        }
        if word.contains("/"), TimeZone(identifier: word) != nil { return (.named(word), end) }
        // "Pacific Time", "Eastern Standard Time".
        if let iana = spokenZones[word.lowercased()] {
            let rest = TextUnit.string(utf16[end..<min(count, end + 20)])
            for tail in [" Time", " Standard Time", " Daylight Time"] where rest.hasPrefix(tail) { return (.named(iana), end + tail.utf16.count) }
        }
        if (2...4).contains(word.utf16.count), word.utf16.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }), abbreviations[word] != nil {
            return (.named(word), end)
        }
        return (nil, start)
    }

    /// Words that make a time approximate when they come just before it ("around", "about", "~").
    static let approximations: Set<String> = ["around", "about", "approximately", "approx.", "approx", "roughly", "circa", "ca.",
                                              "nearly", "almost", "sometime", "some time", "or so"]

    /// True when an approximation word (and maybe "at") stands just before `index`: the word before is
    /// read by hand, lower-cased ASCII, and looked up (no string is made for a time without one).
    static func isApproximate(before index: Int, in utf16: [UInt16]) -> Bool {
        var cursor = index - 1
        func skipSpaces() { while cursor >= 0, utf16[cursor] == 0x20 { cursor -= 1 } }
        func previousWord() -> String? {
            skipSpaces()
            var end = cursor + 1
            if cursor >= 0, utf16[cursor] == 0x2E { cursor -= 1; end = cursor + 2 }   // "approx.", "ca."
            var bytes: [UInt8] = []
            while cursor >= 0, (utf16[cursor] | 0x20) >= 0x61, (utf16[cursor] | 0x20) <= 0x7A { bytes.append(UInt8(utf16[cursor] | 0x20)); cursor -= 1 }
            guard !bytes.isEmpty else { return nil }
            // Reversed in place: decoding a reversed view takes the standard library's generic path (3,600
            // instructions a call, 7.3 million for the 2,000 times of 100 generated COEs; callgrind, 2026-12-02).
            bytes.reverse()
            var word = String(decoding: bytes, as: UTF8.self)
            if end == cursor + bytes.count + 2 { word += "." }
            return word
        }
        skipSpaces()
        if cursor >= 0, utf16[cursor] == 0x7E { return true }   // "~09:15"
        guard var word = previousWord() else { return false }
        if word == "at" { guard let before = previousWord() else { return false }; word = before }
        if approximations.contains(word) { return true }
        // Two-word approximations: "some time", "or so" (before the time: "or so" is rare, but read alike).
        if word == "time" || word == "so", let first = previousWord() { return approximations.contains("\(first) \(word)") }
        return false
    }

    /// Zone abbreviations a report writes after a time, with their offsets in seconds (an abbreviation
    /// names one offset: PST is -08:00, PDT -07:00).
    static let abbreviations: [String: Int] = [
        "UTC": 0, "GMT": 0, "Z": 0, "UCT": 0, "WET": 0, "WEST": 3600, "BST": 3600, "IST": 19800, "CET": 3600, "CEST": 7200,
        "EET": 7200, "EEST": 10800, "MSK": 10800, "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200,
        "MDT": -21600, "PST": -28800, "PDT": -25200, "AKST": -32400, "AKDT": -28800, "HST": -36000, "JST": 32400, "KST": 32400,
        "AEST": 36000, "AEDT": 39600, "ACST": 34200, "AWST": 28800, "NZST": 43200, "NZDT": 46800, "SGT": 28800, "HKT": 28800,
        "ET": -18000, "PT": -28800, "CT": -21600, "MT": -25200,
    ]

    /// Zones named in words ("Pacific Time"), as the IANA zones they mean.
    static let spokenZones = ["pacific": "America/Los_Angeles", "eastern": "America/New_York", "central": "America/Chicago",
                              "mountain": "America/Denver", "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu",
                              "atlantic": "America/Halifax"]
    /// Words that stand in for a date or a time: fixed phrases, and the combinations of a relative word
    /// with a period ("later this year", "early next week", "late in the day"), each looked up as a phrase.
    static let vagueDates: WordList = {
        var phrases = ["yesterday", "today", "tonight", "recently", "the other day", "a while ago", "earlier today", "later today",
                       "shortly after", "shortly afterwards", "shortly afterward", "shortly before", "shortly thereafter",
                       "soon after", "soon afterwards", "some time later", "a few minutes later", "a few hours later",
                       "a few days later", "a couple of minutes later", "a couple of hours later", "a couple of days later",
                       "in the short term", "in the near term", "in the medium term", "in the long term", "in the near future",
                       "in the coming days", "in the coming weeks", "in the coming months", "at some point", "around midday",
                       "around noon", "around midnight", "around lunchtime", "over the weekend"]
        let periods = ["morning", "afternoon", "evening", "night", "day", "week", "weekend", "month", "quarter", "year"]
        for relative in ["this", "next", "last", "that"] {
            for period in periods where period != "day" { phrases.append("\(relative) \(period)") }
            for lead in ["earlier", "later", "early", "late", "mid"] {
                for period in periods { phrases.append("\(lead) \(relative) \(period)") }
            }
        }
        for lead in ["early", "late", "later", "earlier"] {
            for period in ["morning", "afternoon", "evening", "day", "week", "month", "year"] {
                for filler in ["", "in ", "in the ", "the "] { phrases.append("\(lead) \(filler)\(period)") }
            }
        }
        return WordList(phrases)
    }()

    /// True when this clock time names the instant `time` (to the minute, on its day): read in its own zone
    /// (2:12 AM PDT is 09:12 UTC), else in `fallback` (a zone written after the other time of a range),
    /// else in UTC or in the offset `time` was written with. Y2 and I6 match times through this.
    public func names(_ time: Timestamp, zone fallback: Zone? = nil) -> Bool {
        let minutes = Int(((time.seconds % 86_400) + 86_400) % 86_400 / 60)
        let written = zone == nil && fallback != nil
            ? TimeExpression(kind: kind, range: range, text: text, hour: hour, minute: minute, twelveHour: twelveHour, zone: fallback,
                             approximate: approximate)
            : self
        return written.minutesUTC(near: time.seconds) == minutes
            || (written.zone == nil && written.minutesUTC(near: time.seconds, assumedOffset: time.offsetMinutes) == minutes)
    }

    /// The minutes since midnight UTC this clock time names, on the day of `date` (seconds since 1970), read in
    /// its zone, or in `assumedOffset` minutes when it has none; nil when its zone's offset cannot be known.
    public func minutesUTC(near date: Int64, assumedOffset: Int = 0) -> Int? {
        guard kind == .clock, let hour, let minute else { return nil }
        guard let offset = zone.map({ $0.offsetMinutes(at: date) }) ?? assumedOffset else { return nil }
        return ((hour * 60 + minute - offset) % 1440 + 1440) % 1440
    }
}

/// A window written as two clock times: "between 14:05 and 14:25 UTC", "from 2:05 to 2:25 PM PST", "09:12–10:06 UTC".
///
/// Each end is read as a reader reads it: a zone written after the second time covers the first, and so does an AM or
/// PM ("from 1:50 to 2:10 PM" is 13:50 to 14:10). Y2 and I6 read windows through this.
public struct TimeWindow: Sendable {
    /// The first and second times, each with the zone (and the half of the day) the window gives it.
    public let start: TimeExpression
    public let end: TimeExpression

    /// Words that join two clock times into a window; "and", "to", "until" only after "between" or "from" ("at 09:19 and
    /// 09:21" are two times).
    static let joiners: Set<String> = ["and", "to", "until", "till", "through", "-", "–", "—"]

    /// Every window in a unit, in order.
    public static func all(in unit: TextUnit) -> [TimeWindow] {
        let clocks = unit.times.filter { $0.kind == .clock }
        guard clocks.count >= 2 else { return [] }
        let utf16 = unit.utf16
        var windows: [TimeWindow] = []
        var index = 0
        while index + 1 < clocks.count {
            let first = clocks[index], second = clocks[index + 1]
            let gapStart = first.range.location + first.range.length, gapEnd = second.range.location
            guard gapEnd >= gapStart, gapEnd - gapStart <= 12 else { index += 1; continue }
            let joiner = TextUnit.string(utf16[gapStart..<gapEnd]).trimmingCharacters(in: .whitespaces).lowercased()
            guard joiners.contains(joiner) else { index += 1; continue }
            if joiner.first?.isLetter == true {
                let lead = TextUnit.string(utf16[max(0, first.range.location - 12)..<first.range.location])
                    .trimmingCharacters(in: .whitespaces).lowercased()
                guard lead.hasSuffix("between") || lead.hasSuffix("from") else { index += 1; continue }
            }
            windows.append(TimeWindow(start: first.read(with: second), end: second.zone == nil && first.zone != nil
                                      ? second.withZone(first.zone) : second))
            index += 2
        }
        return windows
    }

    /// The window's ends as minutes since midnight UTC on the day of `date`, read in `assumedOffset` minutes when no zone is written.
    public func minutesUTC(near date: Int64, assumedOffset: Int) -> (Int, Int)? {
        func minutes(_ time: TimeExpression) -> Int? {
            time.minutesUTC(near: date, assumedOffset: time.zone == nil ? assumedOffset : 0)
        }
        guard let from = minutes(start), let to = minutes(end) else { return nil }
        return (from, to)
    }
}

extension TimeExpression {
    /// This time with `zone` when it has none.
    func withZone(_ zone: Zone?) -> TimeExpression {
        TimeExpression(kind: kind, range: range, text: text, hour: hour, minute: minute, twelveHour: twelveHour, zone: self.zone ?? zone,
                       approximate: approximate)
    }

    /// This time, the first of a window, read with the second: its zone when it has none, and its AM or PM when it has
    /// none and the reading keeps the window in order.
    func read(with second: TimeExpression) -> TimeExpression {
        var hour = self.hour
        if !twelveHour, second.twelveHour, let written = hour, (1...11).contains(written), let end = second.hour, end >= 12,
           (written + 12) * 60 + (minute ?? 0) <= end * 60 + (second.minute ?? 0) {
            hour = written + 12
        }
        return TimeExpression(kind: kind, range: range, text: text, hour: hour, minute: minute, twelveHour: twelveHour || second.twelveHour,
                              zone: zone ?? second.zone, approximate: approximate)
    }
}

/// A length of time written in prose: "54 minutes", "(0.9 hours)", "1 hour and 5 minutes", "54 min", "a 54-minute",
/// "2h 10m", "45min".
/// The one reader of durations: I1 asks whether the impact gives one, I6 compares it with the event's.
public struct Duration: Sendable {
    /// Where it is, in UTF-16 units of the text.
    public let range: NSRange
    public let text: String
    public let minutes: Double
    /// How far from `minutes` the written number may be, by its precision ("0.9 hours" is 51 to 57 minutes).
    public let tolerance: Double

    /// Units of time and their length in minutes.
    static let units: [String: Double] = [
        "second": 1.0 / 60, "seconds": 1.0 / 60, "sec": 1.0 / 60, "secs": 1.0 / 60, "s": 1.0 / 60,
        "minute": 1, "minutes": 1, "min": 1, "mins": 1, "m": 1, "hour": 60, "hours": 60, "hr": 60, "hrs": 60, "h": 60,
        "day": 1440, "days": 1440,
    ]

    /// The units read joined to a number on their own ("2h", "45min"); "m" and "s" only after a larger one.
    static let joinedAlone: Set<String> = ["h", "hr", "hrs", "min", "mins"]

    /// Every duration in a unit, in order.
    public static func all(in unit: TextUnit) -> [Duration] {
        let utf16 = unit.utf16, lower = unit.lowercasedUTF16, words = unit.words
        func isDigits(_ word: WordList.Word) -> Bool { utf16[word.start..<(word.start + word.length)].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        func text(_ word: WordList.Word) -> String { TextUnit.string(lower[word.start..<(word.start + word.length)]) }
        /// The number starting at word `index` ("0.9", "1,200" is no duration's number but is read whole) and the index after it.
        func number(at index: Int) -> (value: Double, step: Double, next: Int)? {
            guard index < words.count, isDigits(words[index]) else { return nil }
            let word = words[index]
            // Not the second half of a decimal, a time or a code ("0.9": "9"; "14:05": "05"; "us-east-1": "1").
            if word.start > 0, [0x2E, 0x3A, 0x2D, 0x2C, 0x2F].contains(utf16[word.start - 1]) { return nil }
            var value = Double(text(word)) ?? 0, step = 1.0, next = index + 1
            let end = word.start + word.length
            if next < words.count, end + 1 == words[next].start, utf16[end] == 0x2E, isDigits(words[next]) {
                let fraction = text(words[next])
                value = Double("\(text(word)).\(fraction)") ?? value
                step = pow(10, -Double(fraction.count))
                next += 1
            }
            // A number that goes on (a time, a date, a code: "14:05", "2026-10-13") is no length.
            let last = words[next - 1].start + words[next - 1].length
            if last < utf16.count, [0x3A, 0x2F].contains(utf16[last]) || (utf16[last] == 0x2D && !(next < words.count && units[text(words[next])] != nil)) {
                return nil
            }
            return (value, step, next)
        }
        /// A number written together with its unit ("2h", "45min", "10m" after an hour): its value, its unit's minutes
        /// and its suffix. A unit alone in a word is read by `number(at:)`'s caller; "m" and "s" are read joined only
        /// after a larger joined unit, as "5m" alone is as often five million as five minutes.
        func joined(at index: Int, after larger: Double?) -> (value: Double, unit: Double)? {
            guard index < words.count else { return nil }
            let word = words[index]
            // A word that does not start with a digit is none (most words): turned away before the tests below, which
            // made a list of the units before it for every word (Duration.all was 60,000 instructions a text; callgrind,
            // 2026-12-02).
            guard utf16[word.start] >= 0x30 && utf16[word.start] <= 0x39 else { return nil }
            if word.start > 0, [0x2E, 0x3A, 0x2D, 0x2C, 0x2F, 0x24].contains(utf16[word.start - 1]) { return nil }
            let characters = utf16[word.start..<(word.start + word.length)]
            guard let firstLetter = characters.firstIndex(where: { !($0 >= 0x30 && $0 <= 0x39) }), firstLetter > word.start else { return nil }
            let suffix = TextUnit.string(lower[firstLetter..<(word.start + word.length)])
            guard let unit = units[suffix], joinedAlone.contains(suffix) || (larger.map { unit < $0 } ?? false),
                  let value = Double(TextUnit.string(utf16[word.start..<firstLetter])) else { return nil }
            return (value, unit)
        }
        var found: [Duration] = []
        var index = 0
        while index < words.count {
            // "2h 10m", "45min".
            if let (value, unit) = joined(at: index, after: nil) {
                var minutes = value * unit, last = index
                if let (more, moreUnit) = joined(at: index + 1, after: unit),
                   words[index + 1].start - (words[index].start + words[index].length) <= 1 {
                    minutes += more * moreUnit
                    last = index + 1
                }
                let range = NSRange(location: words[index].start, length: words[last].start + words[last].length - words[index].start)
                found.append(Duration(range: range, text: TextUnit.string(utf16[range.location..<(range.location + range.length)]),
                                      minutes: minutes, tolerance: 0))
                index = last + 1
                continue
            }
            guard let (value, step, next) = number(at: index), next < words.count, let unitMinutes = units[text(words[next])],
                  words[next].start - (words[next - 1].start + words[next - 1].length) <= 1 else { index += 1; continue }
            var minutes = value * unitMinutes, tolerance = step < 1 ? step * unitMinutes / 2 : 0
            var last = next
            // "1 hour and 5 minutes", "2h 10m".
            var after = next + 1
            if after < words.count, text(words[after]) == "and" { after += 1 }
            if let (more, moreStep, moreNext) = number(at: after), moreNext < words.count, let moreUnit = units[text(words[moreNext])],
               moreUnit < unitMinutes {
                minutes += more * moreUnit
                tolerance = moreStep < 1 ? moreStep * moreUnit / 2 : 0
                last = moreNext
            }
            let range = NSRange(location: words[index].start, length: words[last].start + words[last].length - words[index].start)
            found.append(Duration(range: range, text: TextUnit.string(utf16[range.location..<(range.location + range.length)]),
                                  minutes: minutes, tolerance: tolerance))
            index = last + 1
        }
        return found
    }
}
