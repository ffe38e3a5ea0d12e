/// A new sequence for one route: what a local-search move produces when applied.
struct RouteChange: Sendable, Equatable {
    var route: Int
    var jobs: [Int]
}
