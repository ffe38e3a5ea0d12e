/// A parsed benchmark instance, in the file's own units. Node 0 of the arrays is the depot;
/// `ids` holds the ids the file gives each node (Solomon: 0 = depot, customers 1…n;
/// VRPLIB/TSPLIB: node 1 first).
public struct BenchmarkInstance: Sendable {
    public var name: String
    public var format: InstanceFormat
    public internal(set) var ids: [Int] = []
    public internal(set) var x: [Double] = []
    public internal(set) var y: [Double] = []
    public internal(set) var demand: [Int] = []
    /// Time windows and service times (Solomon, VRPLIB with `TIME_WINDOW_SECTION`); nil otherwise.
    public internal(set) var ready: [Double]? = nil
    public internal(set) var due: [Double]? = nil
    public internal(set) var service: [Double]? = nil
    public internal(set) var capacity: Int? = nil
    /// Fleet size given by the file (Solomon `NUMBER`, VRPLIB `VEHICLES`); nil when unlimited.
    public internal(set) var fleet: Int? = nil
    /// `EUC_2D` (rounded per edge) for VRPLIB/TSPLIB; Solomon distances are exact.
    public internal(set) var edgeWeightType: String = "EXACT_2D"

    init(name: String, format: InstanceFormat) { self.name = name; self.format = format }

    /// Parses the text of a file; `format` nil means detect from content.
    /// - Throws: `InstanceParseError` with the offending line.
    /// - Complexity: O(size of the text).
    public static func parse(_ text: String, name: String, format: InstanceFormat?) throws -> BenchmarkInstance {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map { $0.replacingTabs() }
        let fmt = try format ?? detect(lines)
        switch fmt {
        case .solomon: return try parseSolomon(lines, name: name)
        case .vrplib, .tsplib: return try parseLib(lines, name: name, format: fmt)
        }
    }

    static func detect(_ lines: [String]) throws -> InstanceFormat {
        var sawLib = false
        for l in lines {
            let u = l.uppercased().trimmed
            if u.hasPrefix("TYPE") && u.contains(":") {
                let v = u.split(separator: ":", maxSplits: 1)[1].trimmingSpaces
                return v == "TSP" ? .tsplib : .vrplib
            }
            if u.hasPrefix("NODE_COORD_SECTION") || u.hasPrefix("DIMENSION") { sawLib = true }
            if u.hasPrefix("CUST NO") || u == "VEHICLE" { return .solomon }
        }
        if sawLib { return .vrplib }
        throw InstanceParseError(line: nil, message: "cannot tell the format (solomon, vrplib or tsplib); give --format")
    }

    /// Euclidean distance between nodes a and b, in the format's convention (rounded to the
    /// nearest integer per edge for `EUC_2D`, rounded up for `CEIL_2D`).
    public func distance(_ a: Int, _ b: Int) -> Double {
        let dx = x[a] - x[b], dy = y[a] - y[b]
        let d = (dx * dx + dy * dy).squareRoot()
        switch edgeWeightType {
        case "EUC_2D": return (d + 0.5).rounded(.down)
        case "CEIL_2D": return d.rounded(.up)
        default: return d
        }
    }
}
