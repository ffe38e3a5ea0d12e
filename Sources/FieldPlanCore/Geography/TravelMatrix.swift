/// Travel time and distance from each of `rows` origins to each of `columns` destinations,
/// row-major: entry `r * columns + c` is the trip from origin `r` to destination `c`. Two
/// flat arrays rather than an array of legs, because the routing engine takes them as they are.
public struct TravelMatrix: Hashable, Sendable {
    public let rows: Int
    public let columns: Int
    /// Whole seconds, row-major.
    public var seconds: [Int]
    /// Whole metres, row-major.
    public var metres: [Int]

    public init(rows: Int, columns: Int, seconds: [Int], metres: [Int]) {
        precondition(seconds.count == rows * columns && metres.count == rows * columns, "matrix size")
        self.rows = rows
        self.columns = columns
        self.seconds = seconds
        self.metres = metres
    }

    /// The trip from origin `row` to destination `column`.
    public subscript(row: Int, column: Int) -> TravelLeg {
        TravelLeg(seconds: seconds[row * columns + column], metres: metres[row * columns + column])
    }
}
