import Testing
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
    }

    @Test func whatIsNotAClockTime() {
        #expect(clocks("ratio 3:1, version 1.2:30, 2026-10-13T09:12:00Z, 123:45, us-east-1, 14:65, 25:00, pm2, 3 amps").isEmpty)
    }

    @Test func vagueDates() {
        let vague = TimeExpression.scan("Shortly afterwards the fix shipped; more comes later this year, early next week and in the short term.")
            .filter { $0.kind == .vague }.map(\.text)
        #expect(vague == ["Shortly afterwards", "later this year", "early next week", "in the short term"])
    }
}
