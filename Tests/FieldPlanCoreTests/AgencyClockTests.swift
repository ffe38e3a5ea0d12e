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
