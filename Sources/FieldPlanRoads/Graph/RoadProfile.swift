/// Who travels the roads (`roads import --profile`): which ways they may use, in which
/// direction, and how fast. The speeds by road class follow OSRM's car profile, so the two
/// road models of SPEC §11 give comparable figures; a tagged `maxspeed` replaces the class
/// speed at 80 % of the limit (traffic, junctions), and a rough `surface`, `tracktype` or
/// `smoothness` caps it, as OSRM's `car.lua` does.
public enum RoadProfile: String, CaseIterable, Sendable {
    case car, motorbike, foot

    /// How one way may be travelled.
    public struct Use: Hashable, Sendable {
        public var forward: Bool
        public var backward: Bool
        public var kmh: Double

        public init(forward: Bool, backward: Bool, kmh: Double) {
            self.forward = forward
            self.backward = backward
            self.kmh = kmh
        }
    }

    static let motorSpeeds: [String: Double] = [
        "motorway": 90, "motorway_link": 45, "trunk": 85, "trunk_link": 40, "primary": 65, "primary_link": 30,
        "secondary": 55, "secondary_link": 25, "tertiary": 40, "tertiary_link": 20, "unclassified": 25,
        "residential": 25, "living_street": 10, "service": 15,
    ]
    /// `car.lua`'s caps by surface, track type and smoothness (km/h).
    static let surfaceSpeeds: [String: Double] = [
        "cement": 80, "compacted": 80, "fine_gravel": 80, "paving_stones": 60, "metal": 60, "bricks": 60,
        "grass": 40, "wood": 40, "sett": 40, "grass_paver": 40, "gravel": 40, "unpaved": 40, "ground": 40, "dirt": 40,
        "pebblestone": 40, "tartan": 40, "cobblestone": 30, "clay": 30, "earth": 20, "stone": 20, "rocky": 20, "sand": 20,
        "laterite": 15, "mud": 10, "ice": 20, "snow": 30,
    ]
    static let tracktypeSpeeds: [String: Double] = ["grade1": 60, "grade2": 40, "grade3": 30, "grade4": 25, "grade5": 20]
    static let smoothnessSpeeds: [String: Double] = [
        "intermediate": 80, "bad": 40, "very_bad": 20, "horrible": 10, "very_horrible": 5,
    ]
    /// `car.lua`'s limits for zone codes (`FR:urban`): the defaults, and the exceptions it lists.
    static let zoneDefaults: [String: Double] = ["urban": 50, "rural": 90, "trunk": 110, "motorway": 130]
    static let zoneExceptions: [String: Double] = [
        "at:rural": 100, "at:trunk": 100, "ar:urban": 40, "ar:rural": 110, "be:motorway": 120, "be-bru:rural": 70,
        "be-bru:urban": 30, "be-vlg:rural": 70, "bg:motorway": 140, "by:urban": 60, "by:motorway": 110, "ca-on:rural": 80,
        "ch:rural": 80, "ch:trunk": 100, "ch:motorway": 120, "de:living_street": 7, "de:rural": 100, "dk:rural": 80,
        "es:trunk": 90, "fr:rural": 80, "gb:nsl_single": 96.54, "gb:nsl_dual": 112.63, "gb:motorway": 112.63,
        "lv:living_street": 20, "nl:rural": 80, "nl:trunk": 100, "no:rural": 80, "no:motorway": 110, "ph:urban": 40,
        "ph:rural": 80, "ph:motorway": 100, "pl:rural": 100, "pl:expressway": 120, "pl:motorway": 140, "ro:trunk": 100,
        "ru:living_street": 20, "ru:urban": 60, "ru:motorway": 110, "uk:nsl_single": 96.54, "uk:nsl_dual": 112.63,
        "uk:motorway": 112.63, "za:urban": 60, "za:rural": 100, "none": 140,
    ]
    static let footSpeeds: [String: Double] = [
        "footway": 5, "pedestrian": 5, "path": 5, "steps": 2, "living_street": 5, "residential": 5, "service": 5,
        "unclassified": 5, "tertiary": 5, "tertiary_link": 5, "secondary": 5, "secondary_link": 5,
        "primary": 5, "primary_link": 5, "track": 5, "road": 5, "corridor": 5,
    ]
    static let yes: Set<String> = ["yes", "designated", "permissive", "destination", "customers", "delivery"]
    static let no: Set<String> = ["no", "private", "agricultural", "forestry", "emergency", "military"]

    /// How this profile may use a way with these tags; nil when it may not.
    public func use(_ tags: [String: String]) -> Use? {
        guard let highway = tags["highway"] else { return nil }
        if tags["area"] == "yes" || tags["impassable"] == "yes" || tags["status"] == "impassable" { return nil }
        // The most specific access tag that is present decides.
        let keys: [String] = switch self {
        case .car: ["motorcar", "motor_vehicle", "vehicle", "access"]
        case .motorbike: ["motorcycle", "motor_vehicle", "vehicle", "access"]
        case .foot: ["foot", "access"]
        }
        let access = keys.lazy.compactMap { tags[$0] }.first
        if let access, Self.no.contains(access) { return nil }
        let explicitlyAllowed = access.map(Self.yes.contains) ?? false
        switch self {
        case .car, .motorbike:
            // car.lua: a class without a speed (`road`) only where an access tag allows it, at 10.
            guard var kmh = Self.motorSpeeds[highway] ?? (explicitlyAllowed && highway == "road" ? 10 : nil) else { return nil }
            // The first limit of maxspeed:advisory, maxspeed, source:maxspeed, maxspeed:type.
            let limit = ["maxspeed:advisory", "maxspeed", "source:maxspeed", "maxspeed:type"].lazy
                .compactMap { tags[$0 + ":forward"] ?? tags[$0] }.first.flatMap(Self.kmh)
            if let limit { kmh = limit * 0.8 }
            for (key, caps) in [("surface", Self.surfaceSpeeds), ("tracktype", Self.tracktypeSpeeds), ("smoothness", Self.smoothnessSpeeds)] {
                if let cap = tags[key].flatMap({ caps[$0] }) { kmh = min(kmh, cap) }
            }
            var forward = true, backward = true
            let oneway = tags["oneway"]
            let impliedOneway = highway == "motorway" || tags["junction"] == "roundabout" || tags["junction"] == "circular"
            switch oneway {
            case "yes", "1", "true": backward = false
            case "-1", "reverse": forward = false
            case "no", "0", "false": break
            default: if impliedOneway { backward = false }
            }
            return Use(forward: forward, backward: backward, kmh: kmh)
        case .foot:
            if highway == "motorway" || highway == "motorway_link" { return nil }
            var kmh = Self.footSpeeds[highway]
            if kmh == nil && explicitlyAllowed { kmh = 5 }
            guard let kmh else { return nil }
            if tags["sidewalk"] == "none" && (highway == "trunk" || highway == "trunk_link") && !explicitlyAllowed { return nil }
            let oneway = tags["oneway:foot"]
            return Use(forward: oneway != "-1", backward: oneway != "yes", kmh: kmh)
        }
    }

    /// A `maxspeed` value in km/h: `50`, `30 mph`, `50;30` (the first), a zone code as
    /// `car.lua` reads it (`FR:urban` 50, `RU:urban` 60, `none` 140); nil for `walk`,
    /// `signals` and what it cannot read, which leave the class speed.
    static func kmh(_ text: String) -> Double? {
        let lower = text.lowercased()
        if let n = zoneExceptions[lower] { return n }
        if let colon = lower.firstIndex(of: ":"), lower.distance(from: lower.startIndex, to: colon) == 2,
           let n = zoneDefaults[String(lower[lower.index(after: colon)...])] { return n }
        let first = text.split(separator: ";").first.map(String.init) ?? text
        let parts = first.split(separator: " ")
        guard let number = parts.first.flatMap({ Double($0) }), number > 0, number < 300 else { return nil }
        if parts.count > 1, parts[1] == "mph" { return number * 1.609344 }
        if parts.count > 1, parts[1] == "knots" { return number * 1.852 }
        return number
    }
}
