import Foundation

/// An independent recheck of an exported day plan (SPEC §5 lines) against the agency's own
/// input files and the SPEC §4 travel model, written with Foundation's JSON parser and its
/// own haversine so that it shares no code with the planner.
struct ExportedPlanChecker {
    struct Agent { var base: (Double, Double); var shift: (Int, Int); var breakWindow: (Int, Int)?; var breakMinutes: Int; var maxVisits: Int? }
    struct Account { var location: (Double, Double)?; var window: (Int, Int)?; var service: Int }

    var agents: [String: Agent] = [:]
    var accounts: [String: Account] = [:]
    var visiting = (8 * 3600, 19 * 3600)
    var roadFactor = 1.3
    var speedKmh = 25.0

    static func clock(_ s: String) -> Int { Int(s.prefix(2))! * 3600 + Int(s.dropFirst(3).prefix(2))! * 60 }
    /// Seconds after local midnight of an instant written with the agency's offset.
    static func secondsOfDay(_ instant: String) -> Int {
        let t = instant.dropFirst(11)
        return Int(t.prefix(2))! * 3600 + Int(t.dropFirst(3).prefix(2))! * 60 + Int(t.dropFirst(6).prefix(2))!
    }

    init(agentsCSV: String, accountsNDJSON: String) {
        let rows = agentsCSV.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        func col(_ row: [String], _ name: String) -> String { row[header.firstIndex(of: name)!] }
        for row in rows.dropFirst() {
            let bf = col(row, "break_from"), bt = col(row, "break_to")
            agents[col(row, "id")] = Agent(base: (Double(col(row, "base_lat"))!, Double(col(row, "base_lon"))!),
                                           shift: (Self.clock(col(row, "shift_start")), Self.clock(col(row, "shift_end"))),
                                           breakWindow: bf.isEmpty ? nil : (Self.clock(bf), Self.clock(bt)),
                                           breakMinutes: Int(col(row, "break_minutes")) ?? 0, maxVisits: Int(col(row, "max_visits")))
        }
        for line in accountsNDJSON.split(separator: "\n") {
            let o = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            var location: (Double, Double)?
            if let lat = o["lat"] as? Double, let lon = o["lon"] as? Double { location = (lat, lon) }
            var window: (Int, Int)?
            if let w = o["visit_window"] as? [String: String] { window = (Self.clock(w["from"]!), Self.clock(w["to"]!)) }
            accounts[o["id"] as! String] = Account(location: location, window: window, service: (o["service_minutes"] as? Int ?? 20) * 60)
        }
    }

    func metres(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let r = 6_371_008.8, rad = Double.pi / 180
        let dLat = (b.0 - a.0) * rad, dLon = (b.1 - a.1) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * rad) * cos(b.0 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(h))) * roadFactor
    }

    func seconds(_ m: Double) -> Int { Int(ceil(m / (speedKmh * 1000 / 3600) - 1e-9)) }

    /// Every broken rule, as text; empty when the exported plan is feasible.
    func violations(exportLines: [String]) -> [String] {
        var v: [String] = []
        var seen = Set<String>()
        var routes: [(route: [String: Any], visits: [[String: Any]])] = []
        for line in exportLines {
            let o = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            if o["kind"] as? String == "route" { routes.append((o, [])) } else { routes[routes.count - 1].visits.append(o) }
        }
        for (route, visits) in routes {
            let id = route["agent_id"] as! String
            guard let agent = agents[id] else { v.append("\(id): unknown agent"); continue }
            let start = Self.secondsOfDay(route["start"] as! String), end = Self.secondsOfDay(route["end"] as! String)
            if start < agent.shift.0 { v.append("\(id): starts before the shift") }
            if end > agent.shift.1 { v.append("\(id): ends after the shift") }
            var position = agent.base, free = start, pendingBreak = 0, breaks = 0, km = 0.0, stops = 0
            for visit in visits {
                let eta = Self.secondsOfDay(visit["eta"] as! String), etd = Self.secondsOfDay(visit["etd"] as! String)
                guard let accountID = visit["account_id"] as? String else {
                    breaks += 1
                    if etd - eta != agent.breakMinutes * 60 { v.append("\(id): break length") }
                    if let w = agent.breakWindow, eta < w.0 || eta > w.1 { v.append("\(id): break outside its window") }
                    if eta < free { v.append("\(id): break overlaps a visit") }
                    pendingBreak += etd - eta
                    continue
                }
                stops += 1
                if !seen.insert(accountID).inserted { v.append("\(accountID): twice") }
                guard let account = accounts[accountID], let location = account.location else { v.append("\(accountID): not a located account"); continue }
                let m = metres(position, location)
                let legKm = visit["travel_km"] as! Double
                if abs(legKm - m / 1000) > 0.0006 { v.append("\(accountID): leg \(legKm) km, recomputed \(m / 1000)") }
                if abs((visit["travel_minutes"] as! Double) - Double(seconds(m)) / 60) > 0.051 { v.append("\(accountID): leg minutes") }
                if eta < free + seconds(m) + pendingBreak { v.append("\(accountID): cannot be there at \(eta)") }
                var window = visiting
                if let w = account.window { window = (max(window.0, w.0), min(window.1, w.1)) }
                if eta < window.0 || eta > window.1 { v.append("\(accountID): starts outside visiting hours ∩ its window") }
                let wf = Self.clock(visit["window_from"] as! String), wt = Self.clock(visit["window_to"] as! String)
                if eta < wf || eta > wt || wf < window.0 || wt > window.1 { v.append("\(accountID): window fields wrong") }
                if etd - eta != account.service { v.append("\(accountID): service time") }
                km += m / 1000
                position = location
                free = etd
                pendingBreak = 0
            }
            if stops > 0 {
                let home = metres(position, agent.base)
                km += home / 1000
                if end < free + seconds(home) + pendingBreak { v.append("\(id): back too early") }
                if agent.breakWindow != nil && breaks != 1 { v.append("\(id): \(breaks) breaks") }
            }
            if let m = agent.maxVisits, stops > m { v.append("\(id): \(stops) visits > \(m)") }
            if route["stops"] as? Int != stops { v.append("\(id): stops field") }
            if abs((route["travel_km"] as! Double) - km) > 0.0006 * Double(stops + 1) { v.append("\(id): route km \(route["travel_km"]!), recomputed \(km)") }
        }
        return v
    }
}
