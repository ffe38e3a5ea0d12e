import Foundation
import Testing

/// `fieldplan settings`: every value validated with what is accepted named (issue 11),
/// and `--format json`.
struct SettingsCLITests {
    @Test(arguments: [
        ("time_zone", "Mars/Olympus", "time_zone: expected an IANA time zone name the system knows, like Africa/Nairobi, Europe/London or UTC, got \"Mars/Olympus\""),
        ("visiting_hours", "19:00-08:00", "visiting_hours: expected HH:MM-HH:MM (24-hour clock) with the end after the start, like 08:00-19:00, got \"19:00-08:00\""),
        ("speed_kmh", "0", "speed_kmh: expected a number from 1 to 200, got \"0\""),
        ("road_factor", "0.5", "road_factor: expected a number from 1 to 5, got \"0.5\""),
        ("service_minutes", "0", "service_minutes: expected a whole number from 1 to 480, got \"0\""),
        ("snap_limit_m", "0", "snap_limit_m: expected a whole number from 1 to 100000, got \"0\""),
        ("travel", "flying", "travel: expected one of straight, roads, osrm, got \"flying\""),
        ("visit_days", "mon,funday", "visit_days: expected days separated by commas, each one of mon, tue, wed, thu, fri, sat, sun, got \"mon,funday\""),
        ("osrm_url", "localhost:5000", "osrm_url: expected an http:// or https:// URL with a host, like http://127.0.0.1:5000 (or nothing, to unset), got \"localhost:5000\""),
        ("osrm_max_table_size", "1", "osrm_max_table_size: expected a whole number from 2 to 10000, got \"1\""),
        ("colour", "blue", "colour: unknown setting; known: time_zone, currency, visiting_hours, visit_days, service_minutes, min_gap_days, road_factor, speed_kmh, travel, snap_limit_m, osrm_url, osrm_max_table_size, osrm_timeout_s, max_visits_per_month, attribution_days, agency_name"),
    ])
    func refusedValuesNameWhatIsAccepted(_ key: String, _ value: String, _ message: String) throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        #expect(try cli.run(["settings", "set", "agency_name", "Jamii Field"]).status == 0)
        let before = try cli.run(["settings", "--format", "json"]).stdout
        let result = try cli.run(["settings", "set", key, value])
        #expect(result.status == 1)
        #expect(result.stderr == "fieldplan: settings: \(message)\n")
        #expect(try cli.run(["settings", "--format", "json"]).stdout == before, "nothing changes")
    }

    @Test func knownTimeZonesAreKeptAsSpelled() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        for zone in ["Europe/London", "UTC", "America/Argentina/Buenos_Aires"] {
            let set = try cli.run(["settings", "set", "time_zone", zone])
            #expect(set.status == 0, "\(set.stderr)")
            #expect(set.stdout == "time_zone = \(zone)\n")
        }
    }

    @Test func jsonIsOneObjectWithNumbersAsNumbers() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        #expect(try cli.run(["settings", "set", "road_factor", "1.45"]).status == 0)
        let json = try cli.run(["settings", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.stdout == #"{"time_zone":"Africa/Nairobi","currency":"KES","visiting_hours":"08:00-19:00","visit_days":"mon,tue,wed,thu,fri,sat","service_minutes":20,"min_gap_days":3,"road_factor":1.45,"speed_kmh":25,"travel":"straight","snap_limit_m":500,"osrm_url":"","osrm_max_table_size":100,"osrm_timeout_s":30,"max_visits_per_month":4,"attribution_days":30,"agency_name":"Collections Agency"}"# + "\n")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["speed_kmh"] as? Int == 25)
    }
}
