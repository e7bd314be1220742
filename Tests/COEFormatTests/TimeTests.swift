import TestSupport
import Testing
@testable import COEFormat

@Suite struct TimeTests {
    @Test func parsesUTCAndOffsets() throws {
        let utc = try #require(Timestamp("2026-11-03T14:02:00Z"))
        let cet = try #require(Timestamp("2026-11-03T15:02:00+01:00"))
        #expect(utc.seconds == cet.seconds)
        #expect(cet.offsetMinutes == 60)
        #expect(utc.description == "2026-11-03T14:02:00Z")
        #expect(cet.description == "2026-11-03T15:02:00+01:00")
        #expect(Timestamp("2026-11-03T14:02Z")?.description == "2026-11-03T14:02:00Z")
        #expect(Timestamp("2026-11-03T14:02:00.250Z")?.seconds == utc.seconds)
    }

    @Test(arguments: ["2026-11-03T14:02:00", "2026-11-03", "2026-13-03T14:02:00Z", "2026-02-30T10:00:00Z",
                      "2026-11-03T24:00:00Z", "2026-11-03T14:02:00+1", "yesterday", "2026-11-03T14:02:00Zjunk", ""])
    func rejectsTimesWithoutAClearOffset(_ text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test func calendarArithmetic() throws {
        let date = try #require(CalendarDate("2024-02-28"))
        #expect(date.adding(days: 1).description == "2024-02-29")
        #expect(date.adding(days: 2).description == "2024-03-01")
        #expect(CalendarDate("2026-10-14")!.days(until: CalendarDate("2026-11-28")!) == 45)
        #expect(CalendarDate(utcSeconds: 0).description == "1970-01-01")
        #expect(CalendarDate(utcSeconds: -1).description == "1969-12-31")
        for days in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
    }
}
