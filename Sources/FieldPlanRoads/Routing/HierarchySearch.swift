/// An upward search in a contraction hierarchy from a set of start vertices, each with the
/// seconds and metres already travelled to reach it (the stretch of piece from a join): the
/// forward one follows edges to higher ranks, the backward one the edges that come down into
/// a vertex, in reverse. The workspace is one thread's, reused by a version stamp; `settled`
/// lists the vertices reached in the last search, each with its final figures.
///
/// Upward searches are not pruned by a target: they run until their queue is empty, which in
/// a hierarchy means a few hundred vertices for a city, whatever the trip.
struct HierarchySearch {
    let hierarchy: ContractionHierarchy
    var seconds: [Double]
    var metres: [Double]
    var stamp: [UInt32]
    var version: UInt32 = 0
    var heap = MinHeap()
    var settled: [Int32] = []

    init(_ hierarchy: ContractionHierarchy) {
        self.hierarchy = hierarchy
        seconds = Array(repeating: 0, count: hierarchy.vertexCount)
        metres = seconds
        stamp = Array(repeating: 0, count: hierarchy.vertexCount)
    }

    mutating func search(from starts: [(Int32, Double, Double)], forward: Bool) {
        version &+= 1
        if version == 0 {
            stamp = Array(repeating: 0, count: stamp.count)
            version = 1
        }
        heap.removeAll()
        settled.removeAll(keepingCapacity: true)
        for (v, s, m) in starts { reach(Int(v), s, m) }
        let h = hierarchy
        while let (key, v32) = heap.pop() {
            let v = Int(v32)
            guard key == seconds[v] else { continue }
            settled.append(v32)
            let m = metres[v]
            if forward {
                for e in Int(h.upStart[v])..<Int(h.upStart[v + 1]) { reach(Int(h.upTarget[e]), key + h.upSeconds[e], m + h.upMetres[e]) }
            } else {
                for e in Int(h.downStart[v])..<Int(h.downStart[v + 1]) { reach(Int(h.downSource[e]), key + h.downSeconds[e], m + h.downMetres[e]) }
            }
        }
    }

    private mutating func reach(_ v: Int, _ s: Double, _ m: Double) {
        if stamp[v] != version || s < seconds[v] {
            stamp[v] = version
            seconds[v] = s
            metres[v] = m
            heap.push(s, Int32(v))
        }
    }
}
