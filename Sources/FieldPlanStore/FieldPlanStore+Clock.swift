import FieldPlanCore
import Foundation

extension FieldPlanStore {
    /// The agency's clock for a time zone name, from the system's time zone data (UTC for a
    /// name the system does not know; `settings set` refuses such names).
    public static func clock(timeZone: String) -> AgencyClock {
        guard let zone = TimeZone(identifier: timeZone) else { return AgencyClock(fixedOffsetSeconds: 0) }
        return AgencyClock { epoch in zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))) }
    }

    /// The agency's clock as the store's settings say.
    public func clock() throws -> AgencyClock { Self.clock(timeZone: try settings().timeZone) }
}
