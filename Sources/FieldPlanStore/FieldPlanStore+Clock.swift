import FieldPlanCore
import Foundation
import Synchronization

extension FieldPlanStore {
    /// The agency's clock for a time zone name, from the system's time zone data (UTC for a
    /// name the system does not know; `settings set` refuses such names).
    /// The zone's offset changes from 1970 to 2100 are read once per zone name and process (a
    /// clock depends on nothing else), so the clock answers without the system's time zone
    /// data and a request that prints a time does not walk the zone's transitions again (a
    /// zone without daylight saving, such as Nairobi, has none).
    public static func clock(timeZone: String) -> AgencyClock {
        if let known = clocks.withLock({ $0[timeZone] }) { return known }
        let clock = readClock(timeZone: timeZone)
        clocks.withLock { $0[timeZone] = clock }
        return clock
    }

    private static let clocks = Mutex<[String: AgencyClock]>([:])

    private static func readClock(timeZone: String) -> AgencyClock {
        guard let zone = TimeZone(identifier: timeZone) else { return AgencyClock(fixedOffsetSeconds: 0) }
        let start = Date(timeIntervalSince1970: 0), end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        var changes: [(at: Int64, offset: Int)] = []
        var moment = start
        while let next = zone.nextDaylightSavingTimeTransition(after: moment), next < end, changes.count < 1_000 {
            changes.append((Int64(next.timeIntervalSince1970), zone.secondsFromGMT(for: next)))
            moment = next
        }
        return AgencyClock(initialOffset: zone.secondsFromGMT(for: start), changes: changes)
    }

    /// The agency's clock as the store's settings say.
    public func clock() throws -> AgencyClock { Self.clock(timeZone: try settings().timeZone) }
}
