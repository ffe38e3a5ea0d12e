/// How far and how long a trip between two points is. Every figure fieldplan prints comes
/// from one travel model, so anyone can recompute a plan. A road-network model can
/// implement this protocol later without touching the planner.
public protocol TravelModel: Sendable {
    /// Road distance in whole metres.
    func distanceMetres(from: Coordinate, to: Coordinate) -> Int
    /// Travel time in whole seconds.
    func travelSeconds(from: Coordinate, to: Coordinate) -> Int
}

/// SPEC §4's default: great-circle distance × road factor; time = distance / speed,
/// rounded up to whole seconds.
public struct GreatCircleTravelModel: TravelModel, Hashable {
    public var roadFactor: Double
    public var speedKmh: Double

    public init(roadFactor: Double = 1.3, speedKmh: Double = 25) {
        self.roadFactor = roadFactor
        self.speedKmh = speedKmh
    }

    /// The road distance in metres before rounding; the time is computed from it.
    public func roadMetres(from a: Coordinate, to b: Coordinate) -> Double {
        a.greatCircleMetres(to: b) * roadFactor
    }

    public func distanceMetres(from a: Coordinate, to b: Coordinate) -> Int {
        Int(roadMetres(from: a, to: b).rounded())
    }

    public func travelSeconds(from a: Coordinate, to b: Coordinate) -> Int {
        travel(from: a, to: b).seconds
    }

    /// Time and distance of one trip from a single great-circle computation (the matrices
    /// of a day's plan need both for every pair).
    public func travel(from a: Coordinate, to b: Coordinate) -> (seconds: Int, metres: Int) {
        let metres = roadMetres(from: a, to: b)
        let seconds = metres / (speedKmh * 1000 / 3600)
        return (Int((seconds - 1e-9).rounded(.up)), Int(metres.rounded()))
    }
}
