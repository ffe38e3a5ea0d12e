@testable import FieldPlanZoning
import Testing

/// Properties of `SpreadRefinement`, the Hartigan-style pass on the true objective: the
/// spread (sum of distances to the zones' means, recomputed) never rises and falls after the
/// squared-distance exchanges, loads stay in the band, fixed accounts stay put, same input
/// same output. Seeded cities as a fresh build hands them over; no timing.
struct SpreadRefinementTests {
    typealias Start = BorderExchangeTests.Start

    static func start(seed: UInt64, balance: ZoningOptions.Balance = .workload) throws -> Start {
        try BorderSmoothingTests.start(seed: seed, balance: balance)
    }

    static func refine(_ s: Start, movable: [Bool]? = nil) -> SpreadRefinement {
        var r = SpreadRefinement(s.input(movable: movable), zone: s.zone)
        r.run()
        return r
    }

    static func spread(_ zone: [Int32], _ s: Start) -> Double {
        SpreadRefinement.objective(xs: s.xs, ys: s.ys, zone: zone, zoneCount: s.zoneCount)
    }

    @Test(arguments: TestCity.seeds, [ZoningOptions.Balance.workload, .accounts])
    func spreadNeverRises(seed: UInt64, balance: ZoningOptions.Balance) throws {
        let s = try Self.start(seed: seed, balance: balance)
        let r = Self.refine(s)
        #expect(Self.spread(r.zone, s) <= Self.spread(s.zone, s))
        #expect(r.moves + r.swaps == 0 || Self.spread(r.zone, s) < Self.spread(s.zone, s))
    }

    /// The squared-distance exchanges leave work for the pass: over all seeds it moves
    /// accounts and lowers the spread.
    @Test func lowersTheSpreadAfterTheExchanges() throws {
        var before = 0.0, after = 0.0, moves = 0
        for seed in TestCity.seeds {
            let s = try Self.start(seed: seed)
            let r = Self.refine(s)
            before += Self.spread(s.zone, s); after += Self.spread(r.zone, s); moves += r.moves + r.swaps
        }
        #expect(moves > 0)
        #expect(after < before)
    }

    @Test(arguments: TestCity.seeds, [ZoningOptions.Balance.workload, .accounts])
    func loadsStayInTheBand(seed: UInt64, balance: ZoningOptions.Balance) throws {
        BorderPassChecks.loadsStayInTheBand(try Self.start(seed: seed, balance: balance)) { Self.refine($0, movable: $1).zone }
    }

    @Test(arguments: TestCity.seeds)
    func fixedAccountsStayPut(seed: UInt64) throws {
        BorderPassChecks.fixedAccountsStayPut(try Self.start(seed: seed), every: 2) { Self.refine($0, movable: $1).zone }
    }

    @Test(arguments: TestCity.seeds)
    func sameInputSameOutput(seed: UInt64) throws {
        BorderPassChecks.sameInputSameOutput(try Self.start(seed: seed)) { Self.refine($0, movable: $1).zone }
    }

    /// One account of zone 0 sits among zone 1's, nearer zone 1's mean; zone 1 has room, so
    /// moving it lowers both sums of distances.
    @Test func strayAccountMovesToTheNearerZone() {
        var xs: [Double] = [], ys: [Double] = [], zone: [Int32] = []
        for i in 0..<10 { xs.append(Double(i % 5) * 50); ys.append(Double(i / 5) * 50); zone.append(0) }
        for i in 0..<10 { xs.append(1000 + Double(i % 5) * 50); ys.append(Double(i / 5) * 50); zone.append(1) }
        xs.append(990); ys.append(25); zone.append(0)
        let near = SpatialGrid(xs: xs, ys: ys).nearestNeighbours(k: ZoneBuilder.neighbourCount)
        let input = BorderPassInput(xs: xs, ys: ys, weight: [Double](repeating: 1, count: 21), neighbours: near.index,
                                    k: ZoneBuilder.neighbourCount, zoneCount: 2, band: 9...12)
        let before = SpreadRefinement.objective(xs: xs, ys: ys, zone: zone, zoneCount: 2)
        var r = SpreadRefinement(input, zone: zone)
        r.run()
        #expect(r.zone[20] == 1)
        #expect(SpreadRefinement.objective(xs: xs, ys: ys, zone: r.zone, zoneCount: 2) < before)
    }
}
