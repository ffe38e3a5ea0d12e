import FieldPlanCore
import Testing

struct AgencyClockTests {
    @Test func writesMomentsWithTheAgencyOffset() {
        let nairobi = AgencyClock(fixedOffsetSeconds: 3 * 3600)
        // 2026-11-30T22:30:00Z is already the 1st of December in Nairobi.
        let epoch = Int64(CivilDate("2026-11-30")!.dayNumber) * 86_400 + 22 * 3600 + 30 * 60
        #expect(nairobi.instant(epoch).text == "2026-12-01T01:30:00+03:00")
        #expect(nairobi.localDate(epoch) == CivilDate("2026-12-01"))
        #expect(nairobi.shortText(epoch) == "2026-12-01 01:30")
        #expect(AgencyClock(fixedOffsetSeconds: -5 * 3600).instant(epoch).text == "2026-11-30T17:30:00-05:00")
    }
}

extension AgencyClockTests {
    /// A zone's offset changes: before the first, between, after the last, and at the moment.
    @Test func offsetChangesApplyFromTheirMoment() {
        let clock = AgencyClock(initialOffset: 0, changes: [(at: 1_000, offset: 3600), (at: 2_000, offset: 0)])
        #expect(clock.offsetSeconds(at: 999) == 0)
        #expect(clock.offsetSeconds(at: 1_000) == 3600)
        #expect(clock.offsetSeconds(at: 1_999) == 3600)
        #expect(clock.offsetSeconds(at: 2_000) == 0)
        #expect(clock.offsetSeconds(at: 50_000) == 0)
        #expect(AgencyClock(initialOffset: 7200, changes: []).offsetSeconds(at: 123) == 7200)
    }
}
