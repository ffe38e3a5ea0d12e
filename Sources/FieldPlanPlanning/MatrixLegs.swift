import FieldPlanCore

/// A travel model answered from a matrix already computed (the week search's), so re-timing
/// routes after the search costs lookups instead of new searches of a road network. Trips
/// between places the matrix does not hold, and a place to itself, go to `fallback`.
/// - Complexity: O(origins × destinations) lookups per matrix asked.
struct MatrixLegs: TravelMatrixSource {
    let fallback: any TravelMatrixSource
    let index: [Coordinate: Int]
    let size: Int
    let seconds: [Int]
    let metres: [Int]

    var name: String { fallback.name }

    init(fallback: any TravelMatrixSource, locations: [Coordinate], seconds: [Int], metres: [Int]) {
        self.fallback = fallback
        var index: [Coordinate: Int] = [:]
        for (i, c) in locations.enumerated() where index[c] == nil { index[c] = i }
        self.index = index
        self.size = locations.count
        self.seconds = seconds
        self.metres = metres
    }

    func matrix(from origins: [Coordinate], to destinations: [Coordinate]) throws -> TravelMatrix {
        var s: [Int] = [], m: [Int] = []
        s.reserveCapacity(origins.count * destinations.count)
        m.reserveCapacity(origins.count * destinations.count)
        for a in origins {
            for b in destinations {
                guard a != b, let i = index[a], let j = index[b] else {
                    let leg = try fallback.leg(from: a, to: b)
                    s.append(leg.seconds)
                    m.append(leg.metres)
                    continue
                }
                s.append(seconds[i * size + j])
                m.append(metres[i * size + j])
            }
        }
        return TravelMatrix(rows: origins.count, columns: destinations.count, seconds: s, metres: m)
    }

    func path(from a: Coordinate, to b: Coordinate) throws -> [Coordinate] { try fallback.path(from: a, to: b) }
}
