extension GreatCircleTravelModel: TravelMatrixSource {
    public var name: String { "great_circle" }

    /// Every pair by `travel(from:to:)`, so a matrix and a single leg always agree.
    /// - Complexity: O(origins × destinations) great-circle computations.
    public func matrix(from origins: [Coordinate], to destinations: [Coordinate]) -> TravelMatrix {
        var seconds = [Int](repeating: 0, count: origins.count * destinations.count)
        var metres = seconds
        for (r, a) in origins.enumerated() {
            for (c, b) in destinations.enumerated() {
                let t = travel(from: a, to: b)
                seconds[r * destinations.count + c] = t.seconds
                metres[r * destinations.count + c] = t.metres
            }
        }
        return TravelMatrix(rows: origins.count, columns: destinations.count, seconds: seconds, metres: metres)
    }

    /// A straight line: the two ends.
    public func path(from a: Coordinate, to b: Coordinate) -> [Coordinate] { [a, b] }
}
