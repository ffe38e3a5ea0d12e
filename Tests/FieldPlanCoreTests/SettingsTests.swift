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
}
