/// What a backward upward search leaves at a vertex it settled: the destination (its column
/// in the matrix) and the figures from the vertex to it.
struct BucketEntry {
    var vertex: Int32
    var column: Int32
    var seconds: Double
    var metres: Double
}
