import FieldPlanCore
import FieldPlanStore
import Foundation
import Testing

/// The store's clock, read once from the system's time zone data, answers as that data does.
struct StoreClockTests {
    @Test(arguments: ["Africa/Nairobi", "Europe/London", "America/New_York", "Australia/Sydney", "UTC"])
    func agreesWithTheSystemTimeZone(name: String) {
        let clock = FieldPlanStore.clock(timeZone: name)
        let zone = TimeZone(identifier: name)!
        var g = SeededGenerator(seed: 5)
        for _ in 0..<2_000 {
            let epoch = Int64.random(in: 0...4_000_000_000, using: &g)
            #expect(clock.offsetSeconds(at: epoch) == zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))), "\(name) at \(epoch)")
        }
    }
}
