import FieldPlanCore
import FieldPlanInterchange
import GRDB

/// Rebuilds core records from store rows. Rows were validated on the way in, so a value
/// that no longer parses is read as absent rather than trusted.
extension Row {
    func window(_ from: String, _ to: String) -> TimeWindow? {
        guard let f: String = self[from], let t: String = self[to], let a = LocalTime(f), let b = LocalTime(t) else { return nil }
        return TimeWindow(from: a, to: b)
    }

    var account: Account {
        var a = Account(id: self["id"], client: self["client"], debtorName: self["debtor_name"],
                        balance: Money(minorUnits: self["balance"]))
        a.currency = self["currency"]
        a.phone = self["phone"]
        a.email = self["email"]
        a.nationalID = self["national_id"]
        a.address = self["address"]
        if let lat: Double = self["lat"], let lon: Double = self["lon"] { a.location = Coordinate(lat: lat, lon: lon) }
        a.daysPastDue = self["days_past_due"]
        a.status = AccountStatus(rawValue: self["status"] ?? "open")
        a.visitWindow = window("visit_window_from", "visit_window_to")
        a.serviceMinutes = self["service_minutes"]
        a.notes = self["notes"]
        a.noVisitBefore = (self["no_visit_before"] as String?).flatMap { CivilDate($0) }
        a.maxVisitsPerMonth = self["max_visits_per_month"]
        a.zoneID = self["zone_id"]
        return a
    }

    var agent: Agent {
        let base = Coordinate(lat: self["base_lat"], lon: self["base_lon"]) ?? Coordinate(lat: 0, lon: 1e-9)!
        let shift = window("shift_start", "shift_end") ?? TimeWindow(from: LocalTime(minutes: 0), to: LocalTime(minutes: 0))!
        var a = Agent(id: self["id"], name: self["name"], base: base, shift: shift)
        a.phone = self["phone"]
        a.days = (self["days"] as String?).map { $0.split(separator: ",").compactMap { Weekday(rawValue: String($0)) } }
        if let w = window("break_from", "break_to"), let minutes: Int = self["break_minutes"] {
            a.breakRule = BreakRule(window: w, minutes: minutes)
        }
        a.maxVisits = self["max_visits"]
        a.active = self["active"]
        return a
    }

    var appointment: Appointment? {
        guard let date = CivilDate(self["date"] as String), let w = window("from_time", "to_time") else { return nil }
        return Appointment(id: self["id"], accountID: self["account_id"], date: date, window: w, agentID: self["agent_id"])
    }

    var zone: Zone { Zone(id: self["id"], name: self["name"], agentID: self["agent_id"]) }
}
