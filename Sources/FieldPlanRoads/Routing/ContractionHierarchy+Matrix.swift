import Dispatch
import FieldPlanCore

extension ContractionHierarchy {
    /// Every trip from the `from` joins to the `to` joins, many-to-many: one backward upward
    /// search per destination leaves, at each vertex it settles, a bucket entry with the
    /// figures from that vertex to the destination; one forward upward search per origin then
    /// reads the buckets of the vertices it settles, and the fastest meeting is the trip. A
    /// trip along the joins' common piece, without leaving it, counts too. Both phases run on
    /// `threads` threads, each on its own destinations or rows, writing straight into the
    /// result (a 5,000 × 5,000 matrix is 400 MB of figures: no copy).
    /// - Complexity: O((origins + destinations) · upward search) + O(bucket entries read).
    func matrix(on graph: RoadGraph, turns: TurnGraph, from: [RoadSnap], to: [RoadSnap], threads: Int) -> TravelMatrix {
        let columns = to.count
        let workers = max(1, min(threads, max(from.count, columns)))
        var parts = [[BucketEntry]](repeating: [], count: workers)
        parts.withUnsafeMutableBufferPointer { buffer in
            let out = PartsOut(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var search = HierarchySearch(self)
                var local: [BucketEntry] = []
                var c = w
                while c < columns {
                    search.search(from: turns.arrivals(to[c], in: graph).map { ($0.node, $0.seconds, $0.metres) }, forward: false)
                    for v in search.settled {
                        local.append(BucketEntry(vertex: v, column: Int32(c), seconds: search.seconds[Int(v)], metres: search.metres[Int(v)]))
                    }
                    c += workers
                }
                out.base[w] = local
            }
        }
        let buckets = BucketTable(vertexCount: vertexCount, parts: parts)
        parts = []
        var seconds = [Int](repeating: 0, count: from.count * columns)
        var metres = [Int](repeating: 0, count: from.count * columns)
        seconds.withUnsafeMutableBufferPointer { sp in
            metres.withUnsafeMutableBufferPointer { mp in
                let out = RowsOut(seconds: sp.baseAddress, metres: mp.baseAddress)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    var search = HierarchySearch(self)
                    var best = [Double](repeating: .infinity, count: columns)
                    var bestMetres = best
                    var r = w
                    while r < from.count {
                        for c in 0..<columns {
                            let along = graph.alongSharedPiece(from: from[r], to: to[c])
                            best[c] = along.seconds
                            bestMetres[c] = along.metres
                        }
                        search.search(from: turns.departures(from[r], in: graph), forward: true)
                        for v32 in search.settled {
                            let v = Int(v32)
                            let s = search.seconds[v], m = search.metres[v]
                            for i in Int(buckets.start[v])..<Int(buckets.start[v + 1]) {
                                let c = Int(buckets.column[i])
                                let t = s + buckets.seconds[i]
                                if t < best[c] {
                                    best[c] = t
                                    bestMetres[c] = m + buckets.metres[i]
                                }
                            }
                        }
                        for c in 0..<columns {
                            out.seconds?[r * columns + c] = RoadTravelModel.whole(best[c])
                            out.metres?[r * columns + c] = RoadTravelModel.whole(bestMetres[c])
                        }
                        r += workers
                    }
                }
            }
        }
        return TravelMatrix(rows: from.count, columns: columns, seconds: seconds, metres: metres)
    }
}

/// Where the workers of the backward phase leave their bucket entries, each its own slot.
struct PartsOut: @unchecked Sendable {
    let base: UnsafeMutablePointer<[BucketEntry]>
}
