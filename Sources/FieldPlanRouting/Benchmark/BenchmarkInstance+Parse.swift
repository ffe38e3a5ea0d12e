extension BenchmarkInstance {
    /// Solomon / Homberger: name, `VEHICLE` / `NUMBER CAPACITY` block, `CUSTOMER` table of
    /// `id x y demand ready due service`, first row the depot.
    static func parseSolomon(_ lines: [String], name: String) throws -> BenchmarkInstance {
        var inst = BenchmarkInstance(name: name, format: .solomon)
        var i = 0
        func err(_ m: String) -> InstanceParseError { InstanceParseError(line: i + 1, message: m) }
        while i < lines.count && !lines[i].uppercased().contains("NUMBER") { i += 1 }
        guard i < lines.count else { throw InstanceParseError(line: nil, message: "missing the VEHICLE NUMBER / CAPACITY block") }
        i += 1
        while i < lines.count && lines[i].trimmed.isEmpty { i += 1 }
        guard i < lines.count else { throw InstanceParseError(line: nil, message: "missing the vehicle number and capacity") }
        let f = lines[i].fields
        guard f.count == 2, let num = Int(f[0]), let cap = Int(f[1]), num > 0, cap >= 0 else { throw err("expected vehicle number and capacity") }
        inst.fleet = num; inst.capacity = cap
        while i < lines.count && !lines[i].uppercased().contains("CUST") { i += 1 }
        guard i < lines.count else { throw InstanceParseError(line: nil, message: "missing the CUSTOMER table") }
        i += 1
        var ready: [Double] = [], due: [Double] = [], service: [Double] = []
        while i < lines.count {
            let f = lines[i].fields
            if f.isEmpty || (inst.ids.isEmpty && Double(f[0]) == nil) { i += 1; continue }
            guard f.count == 7 else { throw err("expected 7 fields (id x y demand ready due service), got \(f.count)") }
            let v = f.map { Double($0) }
            guard v.allSatisfy({ $0 != nil && $0!.isFinite }), let id = Int(f[0]), let dem = Int(f[3]) else { throw err("expected numbers") }
            guard id == inst.ids.count else { throw err("customer \(id) out of order (expected \(inst.ids.count))") }
            guard dem >= 0, v[4]! <= v[5]!, v[6]! >= 0 else { throw err("customer \(id): negative demand, empty window or negative service") }
            inst.ids.append(id); inst.x.append(v[1]!); inst.y.append(v[2]!); inst.demand.append(dem)
            ready.append(v[4]!); due.append(v[5]!); service.append(v[6]!)
            i += 1
        }
        guard inst.ids.count >= 2 else { throw InstanceParseError(line: nil, message: "no customers") }
        inst.ready = ready; inst.due = due; inst.service = service
        return inst
    }

    /// VRPLIB / TSPLIB: `KEY : value` header lines, then `NODE_COORD_SECTION`,
    /// `DEMAND_SECTION`, `DEPOT_SECTION`, optional `SERVICE_TIME_SECTION` and
    /// `TIME_WINDOW_SECTION`, `EOF`. The depot must be node 1.
    static func parseLib(_ lines: [String], name: String, format: InstanceFormat) throws -> BenchmarkInstance {
        var inst = BenchmarkInstance(name: name, format: format)
        var dimension: Int?
        var i = 0
        var section = ""
        var coords: [Int: (Double, Double)] = [:]
        var demands: [Int: Int] = [:]
        var service: [Int: Double] = [:]
        var windows: [Int: (Double, Double)] = [:]
        var depots: [Int] = []
        var edgeType: String?
        func err(_ m: String) -> InstanceParseError { InstanceParseError(line: i + 1, message: m) }
        while i < lines.count {
            let line = lines[i].trimmed
            defer { i += 1 }
            if line.isEmpty { continue }
            let upper = line.uppercased()
            if upper == "EOF" { break }
            if upper.hasSuffix("_SECTION") || upper.hasPrefix("NODE_COORD_SECTION") || upper.hasPrefix("DEMAND_SECTION") || upper.hasPrefix("DEPOT_SECTION") {
                section = upper.fields.first.map(String.init) ?? upper
                continue
            }
            if line.contains(":") && !(line.first?.isNumber ?? false) && line.first != "-" {
                let parts = line.split(separator: ":", maxSplits: 1)
                let key = parts[0].trimmingSpaces.uppercased()
                let value = parts.count > 1 ? parts[1].trimmingSpaces : ""
                switch key {
                case "NAME": break
                case "DIMENSION": guard let d = Int(value), d > 1 else { throw err("DIMENSION: expected an integer > 1, got \"\(value)\"") }; dimension = d
                case "CAPACITY": guard let c = Int(value), c >= 0 else { throw err("CAPACITY: expected a non-negative integer, got \"\(value)\"") }; inst.capacity = c
                case "VEHICLES": guard let v = Int(value), v > 0 else { throw err("VEHICLES: expected a positive integer") }; inst.fleet = v
                case "EDGE_WEIGHT_TYPE":
                    guard ["EUC_2D", "CEIL_2D"].contains(value.uppercased()) else { throw err("EDGE_WEIGHT_TYPE \(value) is not supported (EUC_2D, CEIL_2D)") }
                    edgeType = value.uppercased()
                case "TYPE":
                    let t = value.uppercased()
                    if format == .tsplib && t != "TSP" { throw err("TYPE \(value) is not a TSP") }
                    if format == .vrplib && t == "TSP" { throw err("TYPE TSP given to the vrplib reader") }
                default: break
                }
                section = ""
                continue
            }
            let f = line.fields
            switch section {
            case "NODE_COORD_SECTION":
                guard f.count >= 3, let id = Int(f[0]), let x = Double(f[1]), let y = Double(f[2]) else { throw err("expected \"id x y\"") }
                guard coords[id] == nil else { throw err("node \(id) given twice") }
                coords[id] = (x, y)
            case "DEMAND_SECTION":
                guard f.count >= 2, let id = Int(f[0]), let d = Int(f[1]), d >= 0 else { throw err("expected \"id demand\"") }
                demands[id] = d
            case "SERVICE_TIME_SECTION":
                guard f.count >= 2, let id = Int(f[0]), let s = Double(f[1]), s >= 0 else { throw err("expected \"id service\"") }
                service[id] = s
            case "TIME_WINDOW_SECTION":
                guard f.count >= 3, let id = Int(f[0]), let a = Double(f[1]), let b = Double(f[2]), a <= b else { throw err("expected \"id ready due\"") }
                windows[id] = (a, b)
            case "DEPOT_SECTION":
                guard let d = Int(f[0]) else { throw err("expected a depot id") }
                if d >= 0 { depots.append(d) }
            default:
                throw err("unexpected line \"\(line.prefix(40))\"")
            }
        }
        guard let dim = dimension else { throw InstanceParseError(line: nil, message: "missing DIMENSION") }
        guard edgeType != nil else { throw InstanceParseError(line: nil, message: "missing EDGE_WEIGHT_TYPE") }
        inst.edgeWeightType = edgeType!
        guard coords.count == dim else { throw InstanceParseError(line: nil, message: "NODE_COORD_SECTION has \(coords.count) nodes, DIMENSION says \(dim)") }
        let ids = coords.keys.sorted()
        guard ids.first == 1, ids.last == dim else { throw InstanceParseError(line: nil, message: "node ids must be 1…\(dim)") }
        if format == .vrplib {
            guard inst.capacity != nil else { throw InstanceParseError(line: nil, message: "missing CAPACITY") }
            guard depots.isEmpty || depots == [1] else { throw InstanceParseError(line: nil, message: "only a single depot, node 1, is supported") }
            guard demands.count == dim else { throw InstanceParseError(line: nil, message: "DEMAND_SECTION has \(demands.count) nodes, DIMENSION says \(dim)") }
        }
        inst.ids = ids
        inst.x = ids.map { coords[$0]!.0 }
        inst.y = ids.map { coords[$0]!.1 }
        inst.demand = ids.map { demands[$0] ?? 0 }
        if !windows.isEmpty {
            guard windows.count == dim else { throw InstanceParseError(line: nil, message: "TIME_WINDOW_SECTION has \(windows.count) nodes, DIMENSION says \(dim)") }
            inst.ready = ids.map { windows[$0]!.0 }
            inst.due = ids.map { windows[$0]!.1 }
            inst.service = ids.map { service[$0] ?? 0 }
        } else if !service.isEmpty {
            inst.service = ids.map { service[$0] ?? 0 }
        }
        if format == .tsplib { inst.fleet = 1 }
        return inst
    }
}
