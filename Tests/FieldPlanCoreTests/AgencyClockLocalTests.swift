import FieldPlanCore
import Testing

struct AgencyClockLocalTests {
    static let nairobi = AgencyClock(fixedOffsetSeconds: 3 * 3600)
    static let dec1 = Int64(CivilDate("2026-12-01")!.dayNumber) * 86_400

    @Test func localTimesAreReadInTheAgencyZone() {
        #expect(Self.nairobi.epochSeconds(parsing: "2026-12-01T20:00") == Self.dec1 + 17 * 3600)
        #expect(Self.nairobi.epochSeconds(parsing: "2026-12-01 20:00:30") == Self.dec1 + 17 * 3600 + 30)
        #expect(Self.nairobi.epochSeconds(parsing: "2026-12-01T20:00:00Z") == Self.dec1 + 20 * 3600, "an offset given wins")
        for bad in ["tonight", "2026-12-01", "2026-12-01T25:00", "2026-12-01T20:00:61", "2026-13-01T20:00"] {
            #expect(Self.nairobi.epochSeconds(parsing: bad) == nil, "\(bad)")
        }
    }

    /// Across a change of offset (01:00 local, from +01:00 to +02:00) every wall time maps
    /// to one moment that shows that wall time again when it exists.
    @Test func aChangeOfOffsetResolvesToOneMoment() {
        let change = Self.dec1  // 00:00Z, i.e. 01:00 at +01:00 becomes 02:00 at +02:00
        let clock = AgencyClock { $0 < change ? 3600 : 7200 }
        let day = CivilDate("2026-12-01")!
        #expect(clock.epochSeconds(localDate: day, secondsOfDay: 3 * 3600) == change + 3600)
        #expect(clock.instant(clock.epochSeconds(localDate: day, secondsOfDay: 3 * 3600)).text == "2026-12-01T03:00:00+02:00")
        #expect(clock.epochSeconds(localDate: CivilDate("2026-11-30")!, secondsOfDay: 23 * 3600) == change - 7200)
    }
}
