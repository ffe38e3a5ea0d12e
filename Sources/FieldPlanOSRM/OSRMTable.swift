/// One `/table` answer: seconds and metres from each source to each destination (nil where
/// the server knows no route), and how far each place is from where it joined the road.
public struct OSRMTable: Sendable, Hashable {
    public var rows: Int
    public var columns: Int
    /// Row-major, as the server gave them (tenths of seconds and of metres).
    public var durations: [Double?]
    public var distances: [Double?]
    /// Metres from each source and destination to its point on the road.
    public var sourceSnapMetres: [Double]
    public var destinationSnapMetres: [Double]
}
