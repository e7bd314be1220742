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
    public static func scan(_ text: String) -> [TimeExpression] {
        let nsText = text as NSString
        var found: [TimeExpression] = []
        for match in clock.regex.matches(in: text, range: NSRange(location: 0, length: nsText.length)) {
            func group(_ name: String) -> String? {
                let range = match.range(withName: name)
                return range.location == NSNotFound ? nil : nsText.substring(with: range)
            }
            guard var hour = (group("h") ?? group("h12")).flatMap({ Int($0) }) else { continue }
            let minute = group("m").flatMap { Int($0) } ?? 0
            let meridiem = (group("ap") ?? group("ap12"))?.lowercased().filter(\.isLetter)
            if let meridiem {
                guard (1...12).contains(hour) else { continue }
                if meridiem == "am" && hour == 12 { hour = 0 }
                if meridiem == "pm" && hour < 12 { hour += 12 }
            } else if group("m") == nil {
                continue
            }
            var range = match.range
            // The zone written right after it.
            let after = NSRange(location: range.location + range.length, length: nsText.length - range.location - range.length)
            var zone: Zone?
            if let zoneMatch = zoneAfter.regex.firstMatch(in: text, options: .anchored, range: after) {
                zone = Self.zone(from: zoneMatch, in: nsText)
                if zone != nil { range.length = zoneMatch.range.location + zoneMatch.range.length - range.location }
            }
            // An approximation word just before it.
            let lookBack = max(0, range.location - 24)
            let before = nsText.substring(with: NSRange(location: lookBack, length: range.location - lookBack))
            let approximate = approximation.firstMatch(in: before) != nil
            found.append(TimeExpression(kind: .clock, range: range, text: nsText.substring(with: range), hour: hour, minute: minute,
                                        twelveHour: meridiem != nil, zone: zone, approximate: approximate))
        }
        for match in vagueDates.matches(in: text) {
            found.append(TimeExpression(kind: .vague, range: match.range, text: match.text, hour: nil, minute: nil, twelveHour: false,
                                        zone: nil, approximate: false))
        }
        return found.sorted { $0.range.location < $1.range.location }
    }

    static func zone(from match: NSTextCheckingResult, in text: NSString) -> Zone? {
        func group(_ name: String) -> String? {
            let range = match.range(withName: name)
            return range.location == NSNotFound ? nil : text.substring(with: range)
        }
        if group("base") != nil {
            guard let sign = group("sign"), let hours = group("oh").flatMap({ Int($0) }) else { return .utc }
            let minutes = hours * 60 + (group("om").flatMap { Int($0) } ?? 0)
            return .offset(sign == "+" ? minutes : -minutes)
        }
        if let sign = group("osign"), let hours = group("ohh").flatMap({ Int($0) }), let minutes = group("omm").flatMap({ Int($0) }) {
            let total = hours * 60 + minutes
            return .offset(sign == "+" ? total : -total)
        }
        if let iana = group("iana"), TimeZone(identifier: iana) != nil { return .named(iana) }
        if let spoken = group("spoken"), let first = spoken.split(separator: " ").first, let iana = spokenZones[first.lowercased()] {
            return .named(iana)
        }
        if let abbreviation = group("abbr"), abbreviations[abbreviation.uppercased()] != nil { return .named(abbreviation) }
        return nil
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

    /// A clock time: `14:05`, `9:12:30`, `2:30 PM`, `2:30pm`, `3pm`, `3 p.m.`; not part of a longer number, a date-time
    /// (`T09:12`) or a ratio.
    static let clock = Pattern("(?<![\\p{L}\\p{N}:.T/])(?:(?<h>[01]?\\d|2[0-3]):(?<m>[0-5]\\d)(?::[0-5]\\d(?:\\.\\d+)?)?(?:\\s?(?<ap>[AaPp]\\.?[Mm]\\.?)(?![\\p{L}]))?"
        + "|(?<h12>1[0-2]|0?[1-9])\\s?(?<ap12>[AaPp]\\.?[Mm]\\.?)(?![\\p{L}]))(?![\\p{N}:])")
    /// A zone right after a time: `UTC`, `GMT+2`, `Z`, `(+01:00)`, `PST`, `US/Pacific`.
    static let zoneAfter = Pattern("\\s*\\(?\\s*(?:(?<base>UTC|GMT|Z)(?:\\s?(?<sign>[+\\-−])\\s?(?<oh>\\d{1,2})(?::?(?<om>\\d{2}))?)?(?![\\p{L}])"
        + "|(?<osign>[+\\-−])(?<ohh>\\d{2}):?(?<omm>\\d{2})(?![\\p{N}])"
        + "|(?<iana>(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|US|Canada|Mexico|Brazil|Chile|Etc)/[A-Za-z_+\\-]+(?:/[A-Za-z_]+)?)"
        + "|(?<spoken>(?:Pacific|Eastern|Central|Mountain|Alaska|Hawaii|Atlantic)(?:\\s+(?:Standard|Daylight))?\\s+Time)"
        + "|(?<abbr>[A-Z]{2,4})(?![\\p{L}]))")
    /// Zones named in words ("Pacific Time"), as the IANA zones they mean.
    static let spokenZones = ["pacific": "America/Los_Angeles", "eastern": "America/New_York", "central": "America/Chicago",
                              "mountain": "America/Denver", "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu",
                              "atlantic": "America/Halifax"]
    /// Words just before a time that make it approximate.
    static let approximation = Pattern("(?:\\b(?:around|about|approximately|approx\\.?|roughly|circa|ca\\.|nearly|almost|sometime|some time|or so)|~)\\s*(?:at\\s+)?$",
                                       caseInsensitive: true)
    /// Words that stand in for a date or a time.
    static let vagueDates = Pattern("\\b(?:yesterday|today|tonight|recently|the other day|a while ago|earlier today|later today"
        + "|(?:earlier|later|early|late|mid)[- ](?:this|next|last|that)\\s+(?:morning|afternoon|evening|night|day|week|weekend|month|quarter|year)"
        + "|(?:this|next|last|that)\\s+(?:morning|afternoon|evening|night|week|weekend|month|quarter|year)"
        + "|(?:early|late|later|earlier)\\s+(?:in\\s+)?(?:the\\s+)?(?:morning|afternoon|evening|day|week|month|year)"
        + "|shortly\\s+(?:after(?:wards?)?|before|thereafter)|soon\\s+after(?:wards?)?|some\\s+time\\s+later|a\\s+(?:few|couple\\s+of)\\s+(?:minutes|hours|days)\\s+later"
        + "|in\\s+the\\s+(?:short|near|medium|long)\\s+term|in\\s+the\\s+near\\s+future|in\\s+the\\s+coming\\s+(?:days|weeks|months)"
        + "|at\\s+some\\s+point|around\\s+(?:midday|noon|midnight|lunchtime)|over\\s+the\\s+weekend)\\b", caseInsensitive: true)

    /// The minutes since midnight UTC this clock time names, on the day of `date` (seconds since 1970), read in
    /// its zone, or in `assumedOffset` minutes when it has none; nil when its zone's offset cannot be known.
    public func minutesUTC(near date: Int64, assumedOffset: Int = 0) -> Int? {
        guard kind == .clock, let hour, let minute else { return nil }
        guard let offset = zone.map({ $0.offsetMinutes(at: date) }) ?? assumedOffset else { return nil }
        return ((hour * 60 + minute - offset) % 1440 + 1440) % 1440
    }
}
