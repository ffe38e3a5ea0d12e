extension AgencyClock {
    /// The moment a wall-clock time on a date shows in the agency's time zone. Around a
    /// daylight-saving change the offset is the one in force just before: a time that
    /// does not exist or exists twice resolves to one moment, never to none.
    public func epochSeconds(localDate: CivilDate, secondsOfDay: Int) -> Int64 {
        let wall = Int64(localDate.dayNumber) * 86_400 + Int64(secondsOfDay)
        let guess = wall - Int64(offsetSeconds(at: wall))
        return wall - Int64(offsetSeconds(at: guess))
    }

    /// An instant given by a user on the command line: ISO 8601 with an offset
    /// (`2026-12-01T20:00:00+03:00`), or a local date and time without one
    /// (`2026-12-01T20:00`, `2026-12-01 20:00:00`), read in the agency's time zone.
    /// Nil for anything else.
    public func epochSeconds(parsing text: String) -> Int64? {
        if let instant = Instant(text) { return instant.epochSeconds }
        let u = Array(text.utf8)
        guard u.count == 16 || u.count == 19, let date = CivilDate(String(decoding: u[0..<10], as: UTF8.self)),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
              let time = LocalTime(String(decoding: u[11..<16], as: UTF8.self)), time.minutes < 1440 else { return nil }
        var seconds = 0
        if u.count == 19 {
            guard u[16] == UInt8(ascii: ":"), (48...57).contains(u[17]), (48...57).contains(u[18]) else { return nil }
            seconds = Int(u[17] - 48) * 10 + Int(u[18] - 48)
            guard seconds < 60 else { return nil }
        }
        return epochSeconds(localDate: date, secondsOfDay: time.minutes * 60 + seconds)
    }
}
