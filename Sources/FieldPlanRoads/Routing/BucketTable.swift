/// The bucket entries of a many-to-many search grouped by vertex (a counting sort), so the
/// forward searches read a vertex's entries as one contiguous run: `start[v]..<start[v + 1]`.
struct BucketTable {
    var start: [Int32]
    var column: [Int32]
    var seconds: [Double]
    var metres: [Double]

    init(vertexCount: Int, parts: [[BucketEntry]]) {
        var start = [Int32](repeating: 0, count: vertexCount + 1)
        for part in parts { for e in part { start[Int(e.vertex) + 1] += 1 } }
        for v in 0..<vertexCount { start[v + 1] += start[v] }
        let total = Int(start[vertexCount])
        var column = [Int32](repeating: 0, count: total)
        var seconds = [Double](repeating: 0, count: total)
        var metres = [Double](repeating: 0, count: total)
        var next = start
        for part in parts {
            for e in part {
                let i = Int(next[Int(e.vertex)])
                next[Int(e.vertex)] += 1
                column[i] = e.column
                seconds[i] = e.seconds
                metres[i] = e.metres
            }
        }
        self.start = start
        self.column = column
        self.seconds = seconds
        self.metres = metres
    }
}
