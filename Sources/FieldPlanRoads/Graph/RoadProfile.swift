/// Who travels the roads (`roads import --profile`): which ways they may use, in which
/// direction, and how fast. The speeds by road class follow OSRM's car profile, so the two
/// road models of SPEC §11 give comparable figures; a tagged `maxspeed` replaces the class
/// speed at 80 % of the limit (traffic, junctions), as OSRM does.
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
        "residential": 25, "living_street": 10, "service": 15, "road": 20,
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
            guard var kmh = Self.motorSpeeds[highway] else { return nil }
            if highway == "service", let s = tags["service"], ["parking_aisle", "driveway"].contains(s) { kmh = 5 }
            if let limit = tags["maxspeed"].flatMap(Self.kmh) { kmh = limit * 0.8 }
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

    /// A `maxspeed` value in km/h: `50`, `30 mph`, `50;30` (the first); nil for `none`,
    /// `walk`, `signals` and zone codes (`RU:urban`), which leave the class speed.
    static func kmh(_ text: String) -> Double? {
        let first = text.split(separator: ";").first.map(String.init) ?? text
        let parts = first.split(separator: " ")
        guard let number = parts.first.flatMap({ Double($0) }), number > 0, number < 300 else { return nil }
        if parts.count > 1, parts[1] == "mph" { return number * 1.609344 }
        if parts.count > 1, parts[1] == "knots" { return number * 1.852 }
        return number
    }
}
