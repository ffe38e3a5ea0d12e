import FieldPlanCore
import Testing

struct MoneyTests {
    @Test(arguments: [("12", 1200), ("12.5", 1250), ("12.50", 1250), ("0.05", 5), ("-3", -300), ("0", 0), ("999999999999999.99", 99_999_999_999_999_999)])
    func parsesExactly(text: String, minor: Int64) {
        #expect(Money(decimalText: text)?.minorUnits == minor)
    }

    @Test(arguments: ["12.345", "12,000", "1e3", "", ".5", "5.", "--1", "1.2.3", "１２", "1000000000000000"])
    func refusesWhatIsNotAnExactAmount(text: String) {
        #expect(Money(decimalText: text) == nil)
    }

    @Test(arguments: 0..<20)
    func decimalTextRoundTrips(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let m = Money(minorUnits: Int64.random(in: -10_000_000...10_000_000, using: &rng))
            #expect(Money(decimalText: m.decimalText) == m)
        }
    }

    @Test func formatsForSheets() {
        #expect(Money(minorUnits: 123_456_705).formatted == "1,234,567.05")
        #expect(Money(minorUnits: 50).formatted == "0.50")
        #expect(Money(minorUnits: -100_000).formatted == "-1,000.00")
    }
}
