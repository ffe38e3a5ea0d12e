/// The agency-wide settings kept in the store (SPEC §4), with their defaults.
/// Valid by construction: `set(_:to:)` checks each value before it is kept.
public struct Settings: Hashable, Sendable {
    public var timeZone: String = "Africa/Nairobi"
    public var currency: String = "KES"
    public var visitingHours: TimeWindow = TimeWindow(from: LocalTime(minutes: 8 * 60), to: LocalTime(minutes: 19 * 60))!
    public var visitDays: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .sat]
    public var serviceMinutes: Int = 20
    public var minGapDays: Int = 3
    public var roadFactor: Double = 1.3
    public var speedKmh: Double = 25
    /// SPEC §11: where travel figures come from — the straight line of `road_factor` and
    /// `speed_kmh` (the default), the imported road network, or an OSRM server.
    public var travel: TravelKind = .straight
    /// SPEC §11: an account or base farther than this from any usable road is not planned
    /// on roads (`fieldplan roads unreachable` lists them).
    public var snapLimitMetres: Int = 500
    /// SPEC §11: the OSRM server of `travel osrm`, `http(s)://host[:port][/prefix]`; empty until set.
    public var osrmURL: String = ""
    /// The most sources and destinations one OSRM `/table` request may hold: the server's
    /// `--max-table-size` (osrm-routed's default is 100). Larger matrices are asked in blocks.
    public var osrmMaxTableSize: Int = 100
    /// Seconds one OSRM request may take before it is retried (then counted as failed).
    public var osrmTimeoutSeconds: Int = 30
    public var maxVisitsPerMonth: Int = 4
    /// How many days before a posted payment a right-party or PTP visit earns it (SPEC §7).
    public var attributionDays: Int = 30
    /// Printed at the top of route sheets.
    public var agencyName: String = "Collections Agency"

    public init() {}

    /// The keys in the order `fieldplan settings` shows them.
    public static let keys = ["time_zone", "currency", "visiting_hours", "visit_days", "service_minutes",
                              "min_gap_days", "road_factor", "speed_kmh", "travel", "snap_limit_m", "osrm_url", "osrm_max_table_size", "osrm_timeout_s", "max_visits_per_month", "attribution_days", "agency_name"]

    public var travelModel: GreatCircleTravelModel { GreatCircleTravelModel(roadFactor: roadFactor, speedKmh: speedKmh) }

    /// The value of `key` as text, as stored and shown.
    public func value(of key: String) -> String? {
        switch key {
        case "time_zone": timeZone
        case "currency": currency
        case "visiting_hours": "\(visitingHours.from)-\(visitingHours.to)"
        case "visit_days": visitDays.map(\.rawValue).joined(separator: ",")
        case "service_minutes": String(serviceMinutes)
        case "min_gap_days": String(minGapDays)
        case "road_factor": Self.show(roadFactor)
        case "speed_kmh": Self.show(speedKmh)
        case "travel": travel.rawValue
        case "snap_limit_m": String(snapLimitMetres)
        case "osrm_url": osrmURL
        case "osrm_max_table_size": String(osrmMaxTableSize)
        case "osrm_timeout_s": String(osrmTimeoutSeconds)
        case "max_visits_per_month": String(maxVisitsPerMonth)
        case "attribution_days": String(attributionDays)
        case "agency_name": agencyName
        default: nil
        }
    }

    /// The form of an IANA time zone name: `Area/Location` words of letters, digits, `_`,
    /// `-` and `+`, or a single word such as `UTC`; at most 64 characters.
    public static func isTimeZoneName(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 64, !text.hasPrefix("/"), !text.hasSuffix("/"), !text.contains("//") else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "/" || $0 == "_" || $0 == "-" || $0 == "+" }
    }

    /// `http://` or `https://`, a host of letters, digits, `.`, `-` (or an `[IPv6]`), an
    /// optional port and an optional path, with no spaces, query or fragment: the base that
    /// `/table/v1/…` is appended to.
    public static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let scheme = ["http://", "https://"].first(where: lower.hasPrefix), text.count <= 2000 else { return false }
        let rest = text.dropFirst(scheme.count)
        guard !rest.contains(where: { $0 == " " || $0 == "?" || $0 == "#" || $0 == "@" || !$0.isASCII || $0.isNewline }) else { return false }
        let authority = rest.prefix { $0 != "/" }
        var host = Substring(authority), port: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let after = host[host.index(after: close)...]
            if !after.isEmpty { guard after.hasPrefix(":") else { return false }; port = after.dropFirst() }
            host = host[host.index(after: host.startIndex)..<close]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
        } else {
            if let colon = host.firstIndex(of: ":") { port = host[host.index(after: colon)...]; host = host[..<colon] }
            guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else { return false }
        }
        if let port { guard let p = Int(port), (1...65535).contains(p) else { return false } }
        return true
    }

    static func show(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v) }

    /// The keys whose values are numbers (shown as JSON numbers by `settings --format json`).
    public static let numericKeys: Set<String> = ["service_minutes", "min_gap_days", "road_factor", "speed_kmh", "snap_limit_m", "osrm_max_table_size", "osrm_timeout_s", "max_visits_per_month", "attribution_days"]

    /// Changes one setting, or says why the value is refused.
    /// - Parameter isKnownTimeZone: whether the system's time zone data knows a name. The
    ///   core reads no such data itself: the store passes the system's lookup in. The default
    ///   accepts any well-formed name (pure tests); the store never relies on it.
    public mutating func set(_ key: String, to text: String,
                             isKnownTimeZone: (String) -> Bool = { _ in true }) throws(SettingsError) {
        func int(_ range: ClosedRange<Int>) throws(SettingsError) -> Int {
            guard let v = Int(text), range.contains(v) else {
                throw SettingsError(key: key, reason: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
            }
            return v
        }
        func double(_ range: ClosedRange<Double>) throws(SettingsError) -> Double {
            guard let v = Double(text), range.contains(v) else {
                throw SettingsError(key: key, reason: "expected a number from \(Self.show(range.lowerBound)) to \(Self.show(range.upperBound)), got \"\(text)\"")
            }
            return v
        }
        switch key {
        case "time_zone":
            guard Self.isTimeZoneName(text), isKnownTimeZone(text) else {
                throw SettingsError(key: key, reason: "expected an IANA time zone name the system knows, like Africa/Nairobi, Europe/London or UTC, got \"\(text)\"")
            }
            timeZone = text
        case "currency":
            guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw SettingsError(key: key, reason: "expected an ISO 4217 code like KES, got \"\(text)\"")
            }
            currency = text
        case "visiting_hours":
            let parts = text.split(separator: "-")
            guard parts.count == 2, let from = LocalTime(parts[0]), let to = LocalTime(parts[1]),
                  let window = TimeWindow(from: from, to: to), from < to else {
                throw SettingsError(key: key, reason: "expected HH:MM-HH:MM (24-hour clock) with the end after the start, like 08:00-19:00, got \"\(text)\"")
            }
            visitingHours = window
        case "visit_days":
            let names = text.split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            let days = names.compactMap(Weekday.init(rawValue:))
            guard !days.isEmpty, days.count == names.count else {
                throw SettingsError(key: key, reason: "expected days separated by commas, each one of mon, tue, wed, thu, fri, sat, sun, got \"\(text)\"")
            }
            visitDays = Weekday.allCases.filter(days.contains)
        case "service_minutes": serviceMinutes = try int(1...480)
        case "min_gap_days": minGapDays = try int(0...365)
        case "road_factor": roadFactor = try double(1...5)
        case "speed_kmh": speedKmh = try double(1...200)
        case "travel":
            guard let kind = TravelKind(rawValue: text) else {
                throw SettingsError(key: key, reason: "expected one of \(TravelKind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
            }
            travel = kind
        case "snap_limit_m": snapLimitMetres = try int(1...100_000)
        case "osrm_url":
            guard text.isEmpty || Self.isHTTPURL(text) else {
                throw SettingsError(key: key, reason: "expected an http:// or https:// URL with a host, like http://127.0.0.1:5000 (or nothing, to unset), got \"\(text)\"")
            }
            osrmURL = text
        case "osrm_max_table_size": osrmMaxTableSize = try int(2...10_000)
        case "osrm_timeout_s": osrmTimeoutSeconds = try int(1...600)
        case "max_visits_per_month": maxVisitsPerMonth = try int(1...31)
        case "attribution_days": attributionDays = try int(0...365)
        case "agency_name":
            guard !text.trimmingSpaces.isEmpty, text.count <= 80 else {
                throw SettingsError(key: key, reason: "expected a name of 1 to 80 characters")
            }
            agencyName = text
        default:
            throw SettingsError(key: key, reason: "unknown setting; known: \(Settings.keys.joined(separator: ", "))")
        }
    }
}

/// A refused setting, named by its key.
public struct SettingsError: Error, CustomStringConvertible, Sendable {
    public var key: String
    public var reason: String
    public var description: String { "\(key): \(reason)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    public var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    /// Whether the text is empty or only spaces and tabs: `trimmingSpaces.isEmpty` without
    /// making the trimmed string (the decoder asks it of every id and required text).
    public var isBlank: Bool {
        var text = self
        return text.withUTF8 { bytes in !bytes.contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } }
    }
}
