/// A calendar date (`2026-11-03`), with no time and no zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ text: String) {
        guard let date = CalendarDate(bytes: Array(text.utf8)[...]) else { return nil }
        self = date
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    init?(bytes: ArraySlice<UInt8>) {
        guard bytes.count == 10 else { return nil }
        let b = bytes.startIndex
        func digits(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for index in (b + from)..<(b + from + count) {
                let byte = bytes[index]
                guard byte.isDigit else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes[b + 4] == 0x2D, bytes[b + 7] == 0x2D, let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date of a moment in UTC.
    public init(utcSeconds seconds: Int64) {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        self = CalendarDate(daysSinceEpoch: days)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

}

/// A length of time for people, the one form every output writes (coe show, coe render and coe site's
/// pages, coe report, the review period's countdown): `45 s`, `7 min`, `2 h`, `1 h 5 min`, `3 d`, `3 d 4 h`. Under two days it counts
/// hours and minutes, from two days on days and hours; a unit that is zero after the first is left out.
public enum DurationText {
    public static func text(_ seconds: Int64) -> String {
        if seconds < 0 { return "-" + text(seconds == .min ? .max : -seconds) }
        switch seconds {
        case ..<60: return "\(seconds) s"
        case ..<3600: return "\(seconds / 60) min"
        case ..<(48 * 3600): return pair(seconds / 3600, "h", seconds % 3600 / 60, "min")
        default: return pair(seconds / 86_400, "d", seconds % 86_400 / 3600, "h")
        }
    }

    private static func pair(_ first: Int64, _ unit: String, _ second: Int64, _ secondUnit: String) -> String {
        second == 0 ? "\(first) \(unit)" : "\(first) \(unit) \(second) \(secondUnit)"
    }
}

/// A moment written with its UTC offset (`2026-11-03T14:02:00Z`, `…+01:00`); the offset is kept.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64
    /// The offset the author wrote, in minutes east of UTC (0 for `Z`).
    public let offsetMinutes: Int
    /// True when written with `Z` rather than a numeric offset.
    public let isZulu: Bool

    public init(seconds: Int64, offsetMinutes: Int = 0, isZulu: Bool = true) {
        self.seconds = seconds
        self.offsetMinutes = offsetMinutes
        self.isZulu = isZulu && offsetMinutes == 0
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`; nothing else.
    public init?(_ text: String) {
        let scalars = Array(text.utf8)
        guard scalars.count >= 17, let date = CalendarDate(bytes: scalars[0..<10]),
              scalars[10] == UInt8(ascii: "T") || scalars[10] == UInt8(ascii: " ") else { return nil }
        var index = 11
        func twoDigits() -> Int? {
            guard index + 2 <= scalars.count, scalars[index].isDigit, scalars[index + 1].isDigit else { return nil }
            defer { index += 2 }
            return Int(scalars[index] - 48) * 10 + Int(scalars[index + 1] - 48)
        }
        guard let hour = twoDigits(), hour < 24, index < scalars.count, scalars[index] == UInt8(ascii: ":") else { return nil }
        index += 1
        guard let minute = twoDigits(), minute < 60 else { return nil }
        var second = 0
        if index < scalars.count, scalars[index] == UInt8(ascii: ":") {
            index += 1
            guard let s = twoDigits(), s < 61 else { return nil }
            second = s
            if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                while index < scalars.count, scalars[index].isDigit { index += 1 }
                guard index > start else { return nil }
            }
        }
        guard index < scalars.count else { return nil }
        var offset = 0
        var zulu = false
        switch scalars[index] {
        case UInt8(ascii: "Z"):
            zulu = true
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = scalars[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let oh = twoDigits(), oh <= 14, index < scalars.count, scalars[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let om = twoDigits(), om < 60 else { return nil }
            offset = sign * (oh * 60 + om)
        default:
            return nil
        }
        guard index == scalars.count else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: local - Int64(offset * 60), offsetMinutes: offset, isZulu: zulu)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// The moment in the author's own offset, in the canonical written form.
    public var description: String {
        let local = seconds + Int64(offsetMinutes * 60)
        let date = CalendarDate(utcSeconds: local)
        let secondOfDay = Int((local % 86_400 + 86_400) % 86_400)
        let time = "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        return "\(date)T\(time)\(offsetText)"
    }

    /// `Z`, or `+01:00` style.
    public var offsetText: String {
        if isZulu { return "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(sign)\(pad(magnitude / 60, 2)):\(pad(magnitude % 60, 2))"
    }

    /// The date in UTC.
    public var utcDate: CalendarDate { CalendarDate(utcSeconds: seconds) }

}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

extension UInt8 {
    var isDigit: Bool { self >= 48 && self <= 57 }
}

extension Timestamp {
    /// `2026-11-25 14:03 UTC`: the moment in UTC, to the minute.
    public var utcMinute: String {
        String(Timestamp(seconds: seconds).description.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }

    /// `20261125T140300Z`: the moment in UTC without separators (review record ids start with it).
    public var compactUTC: String {
        Timestamp(seconds: seconds).description.filter { $0.isNumber || $0 == "T" || $0 == "Z" }
    }
}
