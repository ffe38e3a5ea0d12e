import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

/// One agent's route and visit lines of a day's latest stored plan, parsed: what a route
/// sheet is made from, so the sheet shows exactly what the export and the packet hold.
struct StoredRouteLines {
    var version: Int
    var route: JSONObject
    var visits: [JSONObject]

    /// Nil when the day has no plan or the agent no route on it.
    init?(_ store: any AgencyStore, date: CivilDate, agent: String) throws {
        guard let (version, lines) = try store.planLines(date: date, agent: agent), !lines.isEmpty else { return nil }
        var route: JSONObject?
        var visits: [JSONObject] = []
        for line in lines {
            guard case .object(let o) = try JSONParser.parse(line) else { continue }
            if case .string("route")? = o["kind"] { route = o } else { visits.append(o) }
        }
        guard let route else { return nil }
        self.version = version
        self.route = route
        self.visits = visits
    }

    static func string(_ v: JSONValue?) -> String? {
        if case .string(let s)? = v { return s }
        return nil
    }

    static func double(_ v: JSONValue?) -> Double? {
        if case .number(let n)? = v { return Double(n) }
        return nil
    }

    /// The local `HH:MM` of an instant written with the agency's offset.
    static func localTime(_ instant: String?) -> LocalTime {
        guard let instant, instant.count >= 16, let t = LocalTime(instant.dropFirst(11).prefix(5)) else { return LocalTime(minutes: 0) }
        return t
    }
}
