import FieldPlanCore
import Foundation

/// The two OSRM services fieldplan uses, one request each: `/table` (a block of the travel
/// matrix) and `/route` (one route with its shape, for drawing). Retries a request after a
/// connection error, a timeout or a 5xx answer, waiting `backoffSeconds` and then twice as
/// long each time; a 4xx answer is not retried (asking again gets the same refusal).
/// - Complexity: one HTTP round trip per attempt; the answer is decoded whole.
public struct OSRMClient: Sendable {
    public var configuration: OSRMConfiguration
    public var transport: any OSRMTransport
    /// How the client waits between attempts (tests pass a no-op).
    public var sleep: @Sendable (Double) -> Void

    public init(configuration: OSRMConfiguration, transport: any OSRMTransport = URLSessionTransport(),
                sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.configuration = configuration
        self.transport = transport
        self.sleep = sleep
    }

    /// `/table` over `coordinates`, from those at `sources` to those at `destinations` (all
    /// of them when nil).
    /// - Throws: `OSRMError`; `.status` with code `TooBig` when the block exceeds the server's limit.
    public func table(_ coordinates: [Coordinate], sources: [Int]? = nil, destinations: [Int]? = nil) throws(OSRMError) -> OSRMTable {
        var query = "annotations=duration,distance"
        if let sources { query += "&sources=" + sources.map(String.init).joined(separator: ";") }
        if let destinations { query += "&destinations=" + destinations.map(String.init).joined(separator: ";") }
        let json = try fetch(service: "table", coordinates: coordinates, query: query)
        let rows = sources?.count ?? coordinates.count
        let columns = destinations?.count ?? coordinates.count
        func grid(_ key: String) throws(OSRMError) -> [Double?] {
            guard let table = json[key] as? [Any], table.count == rows else {
                throw bad("table", "the answer has no \(key) for \(rows) sources")
            }
            var out: [Double?] = []
            out.reserveCapacity(rows * columns)
            for row in table {
                guard let cells = row as? [Any], cells.count == columns else { throw bad("table", "a row of \(key) does not have \(columns) cells") }
                for cell in cells { out.append(Self.number(cell)) }
            }
            return out
        }
        func snaps(_ key: String, _ count: Int) throws(OSRMError) -> [Double] {
            guard let points = json[key] as? [[String: Any]], points.count == count else {
                throw bad("table", "the answer has no \(key) for \(count) places")
            }
            return points.map { Self.number($0["distance"] as Any) ?? 0 }
        }
        return OSRMTable(rows: rows, columns: columns, durations: try grid("durations"), distances: try grid("distances"),
                         sourceSnapMetres: try snaps("sources", rows), destinationSnapMetres: try snaps("destinations", columns))
    }

    /// `/route` from `a` to `b`: the fastest route and its full shape.
    public func route(from a: Coordinate, to b: Coordinate) throws(OSRMError) -> OSRMRoute {
        let json = try fetch(service: "route", coordinates: [a, b], query: "overview=full&geometries=geojson&steps=false")
        guard let route = (json["routes"] as? [[String: Any]])?.first,
              let seconds = Self.number(route["duration"] as Any), let metres = Self.number(route["distance"] as Any) else {
            throw OSRMError.noRoute(url: configuration.baseURL, from: Self.text(a), to: Self.text(b))
        }
        let shape = ((route["geometry"] as? [String: Any])?["coordinates"] as? [[Any]]) ?? []
        let path = shape.compactMap { p -> (lon: Double, lat: Double)? in
            guard p.count >= 2, let lon = Self.number(p[0]), let lat = Self.number(p[1]) else { return nil }
            return (lon, lat)
        }
        let waypoints = (json["waypoints"] as? [[String: Any]]) ?? []
        let snap = waypoints.map { Self.number($0["distance"] as Any) ?? 0 }
        return OSRMRoute(seconds: seconds, metres: metres, path: path,
                         fromSnapMetres: snap.first ?? 0, toSnapMetres: snap.count > 1 ? snap[1] : 0)
    }

    /// The request's URL: `{base}/{service}/v1/{profile}/{lon,lat;…}?{query}`.
    public func url(service: String, coordinates: [Coordinate], query: String) -> URL? {
        let points = coordinates.map { Self.text($0, lonFirst: true) }.joined(separator: ";")
        return URL(string: "\(configuration.baseURL)/\(service)/v1/\(configuration.profile)/\(points)?\(query)")
    }

    /// One request with its retries; the decoded JSON object of a `"code":"Ok"` answer.
    func fetch(service: String, coordinates: [Coordinate], query: String) throws(OSRMError) -> [String: Any] {
        let base = configuration.baseURL
        guard let url = url(service: service, coordinates: coordinates, query: query) else {
            throw OSRMError.badAnswer(url: base, service: "/\(service)", reason: "cannot make a request URL from osrm_url")
        }
        let attempts = configuration.retries + 1
        var wait = configuration.backoffSeconds
        for attempt in 1...attempts {
            let answer: (status: Int, body: Data)
            do {
                answer = try transport.get(url, timeoutSeconds: configuration.timeoutSeconds)
            } catch {
                let reason = (error as? OSRMTransportFailure)?.reason ?? "\(error)"
                if attempt == attempts { throw OSRMError.unreachable(url: base, service: "/\(service)", reason: reason, attempts: attempts) }
                self.sleep(wait); wait *= 2
                continue
            }
            let json = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any]
            let code = json?["code"] as? String
            if answer.status >= 500 {
                if attempt == attempts {
                    throw OSRMError.status(url: base, service: "/\(service)", status: answer.status, code: code,
                                           message: json?["message"] as? String, attempts: attempts)
                }
                self.sleep(wait); wait *= 2
                continue
            }
            guard answer.status == 200, code == "Ok", let json else {
                if let code, answer.status == 200 || (400..<500).contains(answer.status) {
                    throw OSRMError.status(url: base, service: "/\(service)", status: answer.status, code: code,
                                           message: json?["message"] as? String, attempts: 1)
                }
                if answer.status != 200 {
                    throw OSRMError.status(url: base, service: "/\(service)", status: answer.status, code: nil, message: nil, attempts: 1)
                }
                throw bad(service, "the answer is not OSRM's JSON")
            }
            return json
        }
        throw OSRMError.unreachable(url: base, service: "/\(service)", reason: "no attempt made", attempts: 0)
    }

    func bad(_ service: String, _ reason: String) -> OSRMError {
        .badAnswer(url: configuration.baseURL, service: "/\(service)", reason: reason)
    }

    static func number(_ value: Any) -> Double? {
        if let d = value as? Double { return d }
        if let n = value as? NSNumber { return n.doubleValue }
        if let i = value as? Int { return Double(i) }
        return nil
    }

    /// A point as OSRM writes it (`lon,lat`) or as fieldplan does (`lat,lon`), to 6 decimals (11 cm).
    static func text(_ c: Coordinate, lonFirst: Bool = false) -> String {
        let lat = decimals(c.lat), lon = decimals(c.lon)
        return lonFirst ? "\(lon),\(lat)" : "\(lat),\(lon)"
    }

    static func decimals(_ v: Double) -> String {
        let scaled = (v * 1_000_000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let a = Int(abs(scaled))
        let frac = String(a % 1_000_000)
        return "\(sign)\(a / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
    }
}
