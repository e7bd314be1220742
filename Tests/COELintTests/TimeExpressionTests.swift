import COEFormat
import Testing
import TestSupport
@testable import COELint

/// The one scanner of times in prose: clock times on both clocks, their zones, approximations, vague dates.
@Suite struct TimeExpressionTests {
    func clocks(_ text: String) -> [(String, Int, Int, TimeExpression.Zone?, Bool)] {
        TimeExpression.scan(text).filter { $0.kind == .clock }.map { ($0.text, $0.hour ?? -1, $0.minute ?? -1, $0.zone, $0.approximate) }
    }

    @Test func clockTimesWithTheirZones() {
        let found = clocks("At 9:37AM PST, 14:05 UTC, 2:30 p.m. US/Pacific, 3pm, 12 AM, around 19:00 UTC+2, ~09:15 (+01:00), 11:45 Pacific Time.")
        #expect(found.map(\.0) == ["9:37AM PST", "14:05 UTC", "2:30 p.m. US/Pacific", "3pm", "12 AM", "19:00 UTC+2", "09:15 (+01:00)",
                                   "11:45 Pacific Time"])
        #expect(found.map(\.1) == [9, 14, 14, 15, 0, 19, 9, 11] && found.map(\.2) == [37, 5, 30, 0, 0, 0, 15, 45])
        #expect(found.map(\.3) == [.named("PST"), .utc, .named("US/Pacific"), nil, nil, .offset(120), .offset(60), .named("America/Los_Angeles")])
        #expect(found.map(\.4) == [false, false, false, false, false, true, true, false])
        #expect(TimeExpression.scan("9:37AM PST").first?.minutesUTC(near: 1_772_000_000) == 17 * 60 + 37)
        // A sentence's full stop is not part of its time; "a.m."'s last dot is.
        #expect(clocks("The alarm fired at 3pm. It cleared at 4 a.m. on Monday.").map(\.0) == ["3pm", "4 a.m."])
    }

    @Test func whatIsNotAClockTime() {
        #expect(clocks("ratio 3:1, version 1.2:30, 2026-10-13T09:12:00Z, 123:45, us-east-1, 14:65, 25:00, pm2, 3 amps").isEmpty)
    }

    @Test func vagueDates() {
        let vague = TimeExpression.scan("Shortly afterwards the fix shipped; more comes later this year, early next week and in the short term.")
            .filter { $0.kind == .vague }.map(\.text)
        #expect(vague == ["Shortly afterwards", "later this year", "early next week", "in the short term"])
    }

    /// Ranges written with a hyphen, an en dash or an em dash are two times, not a time and an offset;
    /// `Z` right after a time is UTC; a no-break space before AM counts as a space.
    @Test func rangesAndSuffixes() {
        for text in ["09:12-10:06 UTC", "09:12 - 10:06 UTC", "09:12–10:06 UTC", "09:12—10:06 UTC"] {
            #expect(clocks(text).map(\.0).count == 2 && clocks(text)[0].3 == nil && clocks(text)[1].3 == .utc, "\(text): \(clocks(text).map(\.0))")
        }
        #expect(clocks("at 09:12Z and 09:13:30Z").map(\.3) == [.utc, .utc])
        #expect(clocks("at 10:00\u{202F}AM PST").map(\.1) == [10])
    }

    /// Two times joined into a window: the zone after the second covers the first, and so does its AM or PM when
    /// that keeps the window in order; "and"/"to" join only after "between" or "from".
    @Test func windows() {
        func read(_ text: String) -> [String] {
            let unit = TextUnit(file: "", text: text, part: nil, field: "", location: nil)
            return TimeWindow.all(in: unit).map { window in
                "\(window.start.hour ?? -1):\(window.start.minute ?? -1) \(window.start.zone.map { "\($0)" } ?? "-")"
                    + " → \(window.end.hour ?? -1):\(window.end.minute ?? -1) \(window.end.zone.map { "\($0)" } ?? "-")"
            }
        }
        #expect(read("between 2:12 AM and 3:06 AM PDT") == ["2:12 named(\"PDT\") → 3:6 named(\"PDT\")"])
        #expect(read("from 1:50 to 2:10 PM PST") == ["13:50 named(\"PST\") → 14:10 named(\"PST\")"])
        #expect(read("from 11:50 to 1:10 PM") == ["11:50 - → 13:10 -"])
        #expect(read("09:12–10:06 UTC, then at 10:30 and 10:45 UTC") == ["9:12 utc → 10:6 utc"])
        #expect(read("ran between 08:55 and 09:04 UTC; between 09:12 and 10:06 UTC").count == 2)
    }

    /// Lengths of time, with decimals and two units, and not the digits of times, dates or codes.
    @Test func durations() {
        func read(_ text: String) -> [Double] {
            Duration.all(in: TextUnit(file: "", text: text, part: nil, field: "", location: nil)).map(\.minutes)
        }
        #expect(read("(54 minutes), (0.9 hours), 1 hour and 5 minutes, 2 hours 10 min, a 20-minute window, 30 seconds")
                == [54, 54, 65, 130, 20, 0.5])
        #expect(read("at 14:05 on 2026-10-13 in us-east-1, 3,120 customers").isEmpty)
        #expect(read("(2h 10m), 45min, 1h, 3hrs 5mins") == [130, 45, 60, 185])
        // "5m" alone is as often five million; "10m" counts only after an hour, and "$2m" is money.
        #expect(read("5m requests, $2m, 30s, us-east-1h").isEmpty)
        let tenths = Duration.all(in: TextUnit(file: "", text: "0.9 hours", part: nil, field: "", location: nil))
        #expect(tenths.first?.tolerance == 3)
    }

    /// A long run of times in one sentence is linted in time proportional to it. B5 and L1.utc found the
    /// sentence of each time anew and looked through every time for each, and a finding's column was
    /// counted along its line: 387 s in a debug build for these 320 KB and 32,000 findings, 2 s now. A
    /// guard against a hang (its bound is many times the linear work), not a measurement of speed.
    @Test func manyTimesInOneSentenceDoNotHang() throws {
        var source = try exampleSource()
        source.files["coes/\(exampleCOEID)/response.md"] = Array(("The alarm fired at " + String(repeating: "09:12 PST ", count: 32_000) + ".\n").utf8)
        var configuration = Configuration()
        configuration.timezone = "UTC"
        let clock = ContinuousClock()
        var findings: [Diagnostic] = []
        let elapsed = clock.measure {
            findings = Linter.lint(directory: "coes/\(exampleCOEID)", source: source,
                                   settings: LintSettings(configuration: configuration, today: CalendarDate("2026-11-22")!, knownIDs: [exampleCOEID])).findings
        }
        #expect(findings.filter { $0.rule == "L1.utc" }.count == 32_000)
        #expect(findings.last { $0.rule == "L1.utc" }?.position?.column == 20 + 10 * 31_999)
        #expect(elapsed < .seconds(60), "\(elapsed)")
    }
}
