import FieldPlanCore
@testable import FieldPlanStore
import Testing

struct SimulatedOutcomeTests {
    /// A simulated call-back asks for a day the agency visits on, never a day off.
    @Test(arguments: [[Weekday.mon, .tue, .wed, .thu, .fri, .sat], [.mon, .wed]])
    func callBacksFallOnVisitDays(visitDays: [Weekday]) throws {
        var callbacks = 0
        for seed in UInt64(1)...3_000 {
            var rng = SeededGenerator(seed: seed)
            let day = CivilDate("2026-12-01")!.adding(days: Int(seed % 7))
            let at = Instant(date: day, secondsOfDay: 10 * 3_600, offsetSeconds: 3 * 3_600)
            let o = FieldPlanStore.simulatedOutcome(account: "A1", agent: "G1", at: at, balance: Money(minorUnits: 50_000_00),
                                                    visitDays: visitDays, rng: &rng)
            guard o.code == .callback, let next = o.nextVisit else { continue }
            callbacks += 1
            #expect(visitDays.contains(next.date.weekday), "call-back on \(next.date) (\(next.date.weekday))")
            #expect(next.date > day)
        }
        #expect(callbacks > 100)
    }
}
