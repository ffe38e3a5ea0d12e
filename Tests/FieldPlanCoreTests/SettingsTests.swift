import FieldPlanCore
import Testing

struct SettingsTests {
    @Test func defaultsAreSpecSection4() {
        let s = Settings()
        #expect(s.timeZone == "Africa/Nairobi")
        #expect(s.value(of: "visiting_hours") == "08:00-19:00")
        #expect(s.value(of: "visit_days") == "mon,tue,wed,thu,fri,sat")
        #expect(s.serviceMinutes == 20 && s.minGapDays == 3 && s.roadFactor == 1.3 && s.speedKmh == 25)
    }

    @Test func setValidates() throws {
        var s = Settings()
        try s.set("visiting_hours", to: "07:30-18:00")
        #expect(s.visitingHours.from.minutes == 450)
        try s.set("visit_days", to: "sat,mon")
        #expect(s.visitDays == [.mon, .sat])
        #expect(throws: SettingsError.self) { try s.set("visiting_hours", to: "18:00-07:00") }
        #expect(throws: SettingsError.self) { try s.set("speed_kmh", to: "fast") }
        #expect(throws: SettingsError.self) { try s.set("no_such_key", to: "1") }
        #expect(throws: SettingsError.self) { try s.set("currency", to: "kes") }
        for key in Settings.keys { #expect(s.value(of: key) != nil) }
    }

    /// The core checks a zone name's form; whether the system knows it is asked of the caller.
    @Test func timeZoneNeedsAWellFormedNameTheCheckerKnows() throws {
        var s = Settings()
        for bad in ["", "Africa Nairobi", "/Africa", "Africa//Nairobi", "Afrique/Nairobi;DROP", "Zürich/Zone"] {
            #expect(throws: SettingsError.self, "\(bad)") { try s.set("time_zone", to: bad) }
        }
        #expect(throws: SettingsError.self) { try s.set("time_zone", to: "Mars/Olympus", isKnownTimeZone: { $0 != "Mars/Olympus" }) }
        try s.set("time_zone", to: "America/Argentina/Buenos_Aires", isKnownTimeZone: { _ in true })
        #expect(s.timeZone == "America/Argentina/Buenos_Aires")
        #expect(throws: SettingsError.self) { try s.set("speed_kmh", to: "0") }
        #expect(throws: SettingsError.self) { try s.set("speed_kmh", to: "nan") }
        #expect(throws: SettingsError.self) { try s.set("visiting_hours", to: "08:00-08:00") }
    }
}

/// `osrm_url` (SPEC §11): an http(s) base URL, or nothing to unset it.
struct OSRMURLSettingTests {
    @Test(arguments: ["http://127.0.0.1:5000", "https://router.example.org", "http://osrm:5000/", "http://[::1]:5000",
                      "https://routing.example.org/routed-car", ""])
    func acceptedURLs(_ url: String) throws {
        var s = Settings()
        try s.set("osrm_url", to: url)
        #expect(s.osrmURL == url && s.value(of: "osrm_url") == url)
    }

    @Test(arguments: ["127.0.0.1:5000", "ftp://osrm", "http://", "http://host:0", "http://host:99999", "http://host name",
                      "http://host/table?x=1", "http://user@host", "http://[::1", "javascript:alert(1)", "http://hôte"])
    func refusedURLs(_ url: String) {
        var s = Settings()
        #expect(throws: SettingsError.self, "\(url)") { try s.set("osrm_url", to: url) }
        #expect(s.osrmURL == "")
    }

    @Test func tableSizeAndTimeoutHaveBounds() throws {
        var s = Settings()
        #expect(s.osrmMaxTableSize == 100 && s.osrmTimeoutSeconds == 30)
        try s.set("osrm_max_table_size", to: "250")
        try s.set("osrm_timeout_s", to: "5")
        #expect(s.osrmMaxTableSize == 250 && s.osrmTimeoutSeconds == 5)
        #expect(throws: SettingsError.self) { try s.set("osrm_max_table_size", to: "1") }
        #expect(throws: SettingsError.self) { try s.set("osrm_timeout_s", to: "0") }
    }
}
