import FieldPlanCore
import Testing

struct CalendarTests {
    @Test func parsesDatesStrictly() {
        #expect(CivilDate("2026-12-01")?.description == "2026-12-01")
        #expect(CivilDate("2024-02-29") != nil)
        #expect(CivilDate("2026-02-29") == nil)
        #expect(CivilDate("2026-13-01") == nil)
        #expect(CivilDate("2026-1-01") == nil)
        #expect(CivilDate("01/12/2026") == nil)
    }

    @Test func dayNumbersAreConsistent() {
        var d = CivilDate("1999-12-25")!
        for _ in 0..<3000 {
            let next = d.adding(days: 1)
            #expect(next.dayNumber == d.dayNumber + 1)
            #expect(CivilDate(next.description) == next)
            d = next
        }
        #expect(CivilDate("1970-01-01")!.dayNumber == 0)
    }

    @Test func weekdays() {
        #expect(CivilDate("2026-11-30")!.weekday == .mon)
        #expect(CivilDate("2026-12-06")!.weekday == .sun)
        #expect(CivilDate("1970-01-01")!.weekday == .thu)
    }

    @Test func localTimes() {
        #expect(LocalTime("08:05")?.minutes == 485)
        #expect(LocalTime("24:00")?.minutes == 1440)
        #expect(LocalTime("25:00") == nil)
        #expect(LocalTime("12:60") == nil)
        #expect(LocalTime("8:00") == nil)
        #expect(TimeWindow(from: LocalTime("17:00")!, to: LocalTime("09:00")!) == nil)
        let a = TimeWindow(from: LocalTime("08:00")!, to: LocalTime("12:00")!)!
        let b = TimeWindow(from: LocalTime("10:00")!, to: LocalTime("19:00")!)!
        #expect(a.intersection(b) == TimeWindow(from: LocalTime("10:00")!, to: LocalTime("12:00")!))
        #expect(a.intersection(TimeWindow(from: LocalTime("13:00")!, to: LocalTime("14:00")!)!) == nil)
    }

    @Test func instants() {
        let a = Instant("2026-11-30T10:15:00+03:00")!
        let b = Instant("2026-11-30T07:15:00Z")!
        #expect(a.epochSeconds == b.epochSeconds)
        #expect(a.localDate == CivilDate("2026-11-30"))
        #expect(Instant("2026-11-30T10:15:00.123+03:00") != nil)
        #expect(Instant("2026-11-30T10:15:00") == nil, "an instant needs its offset")
        #expect(Instant("2026-11-30") == nil)
        let built = Instant(date: CivilDate("2026-12-01")!, secondsOfDay: 8 * 3600 + 5 * 60 + 7, offsetSeconds: 3 * 3600)
        #expect(built.text == "2026-12-01T08:05:07+03:00")
        #expect(Instant(built.text)?.epochSeconds == built.epochSeconds)
    }
}
