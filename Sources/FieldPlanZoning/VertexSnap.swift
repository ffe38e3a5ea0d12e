/// Gives one id to planar vertices closer than a tolerance, so that a Voronoi vertex computed
/// from two or three cells (with rounding differences of a few nanometres) is one vertex.
///
/// Vertices are bucketed on a grid of the tolerance; a lookup checks the 3 × 3 buckets around.
/// - Complexity: O(1) expected per vertex; memory O(vertices).
struct VertexSnap {
    let tolerance: Double
    private(set) var vertices: [ZoneOutlines.Vertex] = []
    private var buckets: [SIMD2<Int64>: [Int]] = [:]

    init(tolerance: Double) { self.tolerance = tolerance }

    mutating func id(_ v: ZoneOutlines.Vertex) -> Int {
        let bx = Int64((v.x / tolerance).rounded(.down)), by = Int64((v.y / tolerance).rounded(.down))
        for dx in -1...1 {
            for dy in -1...1 {
                for t in buckets[SIMD2(bx + Int64(dx), by + Int64(dy))] ?? [] {
                    let w = vertices[t]
                    if abs(w.x - v.x) <= tolerance && abs(w.y - v.y) <= tolerance { return t }
                }
            }
        }
        vertices.append(v)
        buckets[SIMD2(bx, by), default: []].append(vertices.count - 1)
        return vertices.count - 1
    }
}
