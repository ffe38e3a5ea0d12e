import FieldPlanCore

extension RoadGraph {
    /// Seeded points along the network for a sample agency on real streets: a piece chosen
    /// with odds by its length, a place along it, and a door up to `doorMetres` to one side.
    /// - Complexity: O(pieces) once, then O(log pieces + piece points) a point.
    public func samplePoints(seed: UInt64, doorMetres: Double = 25) -> AnyIterator<Coordinate> {
        var rng = SeededGenerator(seed: seed)
        var cumulative: [Double] = []
        var total = 0.0
        for p in 0..<pieceCount {
            let e = pieceForward[p] >= 0 ? pieceForward[p] : pieceBackward[p]
            total += edgeMetres[Int(e)]
            cumulative.append(total)
        }
        let graph = self
        return AnyIterator {
            guard total > 0 else { return nil }
            let x = Double.random(in: 0..<total, using: &rng)
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] <= x { lo = mid + 1 } else { hi = mid } }
            let first = Int(graph.pieceStart[lo]), last = Int(graph.pieceStart[lo + 1]) - 1
            let i = first + Int.random(in: 0..<max(1, last - first), using: &rng)
            let t = Double.random(in: 0...1, using: &rng)
            let lat = graph.pointLat[i] + t * (graph.pointLat[i + 1] - graph.pointLat[i])
            let lon = graph.pointLon[i] + t * (graph.pointLon[i + 1] - graph.pointLon[i])
            let dLat = Double.random(in: -1...1, using: &rng) * doorMetres / 111_195
            let dLon = Double.random(in: -1...1, using: &rng) * doorMetres / (111_195 * cos(lat * .pi / 180))
            return Coordinate(lat: (( lat + dLat) * 1e6).rounded() / 1e6, lon: ((lon + dLon) * 1e6).rounded() / 1e6)
        }
    }

    /// Reads a PBF extract's bytes into the graph of `profile` (the import's steps, without a store).
    public static func build(pbf bytes: [UInt8], file: String, profile: RoadProfile) throws(OSMPBFError) -> RoadGraph {
        var builder = RoadGraphBuilder(profile: profile)
        _ = try OSMPBFReader(bytes: bytes, file: file).read(node: { builder.addNode($0, lat: $1, lon: $2) }, nodeTags: { builder.addNodeTags($0, $1) },
                                                            way: { builder.addWay($0) },
                                                            relation: { builder.addRelation($0) })
        return builder.build()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
