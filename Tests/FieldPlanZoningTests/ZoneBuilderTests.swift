import FieldPlanZoning
import Testing

/// Properties of `ZoneBuilder.build`: coverage, balance, determinism, stability, locks,
/// anchors. Seeded; no timing assertions.
struct ZoneBuilderTests {
    @Test(arguments: TestCity.seeds)
    func everyPointIsInExactlyOneBuiltZone(seed: UInt64) throws {
        let points = TestCity.points(count: 1500, seed: seed)
        let problem = try ZoningProblem(points: points, zones: TestCity.zones(12), options: ZoningOptions(seed: seed))
        let result = ZoneBuilder.build(problem)
        #expect(result.zoneOfPoint.count == points.count)
        let ids = Set(problem.zones.map(\.id))
        #expect(result.zoneOfPoint.allSatisfy { ids.contains($0) })
        #expect(result.zones.map(\.accounts).reduce(0, +) == points.count)
        for z in result.zones {
            #expect(z.accounts == result.zoneOfPoint.filter { $0 == z.id }.count)
            #expect(z.accounts > 0)
        }
    }

    @Test(arguments: TestCity.seeds, [ZoningOptions.Balance.workload, .accounts])
    func zonesAreBalancedWithinTolerance(seed: UInt64, balance: ZoningOptions.Balance) throws {
        let points = TestCity.points(count: 2000, seed: seed)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(15),
                                                         options: ZoningOptions(balance: balance, seed: seed)))
        let loads = TestCity.loads(result, balance: balance)
        let mean = loads.reduce(0, +) / Double(loads.count)
        #expect(loads.max()! <= mean * 1.05)
        #expect(loads.min()! >= mean * 0.95)
        #expect(result.maxLoadRatio <= 1.05 && result.minLoadRatio >= 0.95)
    }

    @Test(arguments: TestCity.seeds)
    func sameSeedSameZones(seed: UInt64) throws {
        let points = TestCity.points(count: 1200, seed: seed)
        let problem = try ZoningProblem(points: points, zones: TestCity.zones(10), options: ZoningOptions(fresh: true, seed: seed))
        #expect(ZoneBuilder.build(problem) == ZoneBuilder.build(problem))
    }

    @Test(arguments: TestCity.seeds)
    func rebuildAfterNewAccountsMovesFew(seed: UInt64) throws {
        let points = TestCity.points(count: 2000, seed: seed)
        let first = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(12), options: ZoningOptions(seed: seed)))
        let grown = TestCity.zoned(points, first) + TestCity.points(count: 200, seed: seed + 100, prefix: "n")
        let second = ZoneBuilder.build(try ZoningProblem(points: grown, zones: TestCity.zones(12), options: ZoningOptions(seed: seed)))
        #expect(second.previouslyZoned == 2000)
        #expect(Double(second.moved) <= 0.03 * 2000)
        #expect(second.maxLoadRatio <= 1.05 && second.minLoadRatio >= 0.95)
        // Moved is exactly the number of old accounts whose zone changed.
        let changed = (0..<2000).filter { first.zoneOfPoint[$0] != second.zoneOfPoint[$0] }.count
        #expect(changed == second.moved)
    }

    @Test(arguments: TestCity.seeds)
    func rebuildAfterClosedAccountsKeepsBalance(seed: UInt64) throws {
        let points = TestCity.points(count: 2000, seed: seed)
        let first = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(12), options: ZoningOptions(seed: seed)))
        // Every tenth account is paid and leaves the plannable set.
        let remaining = TestCity.zoned(points, first).enumerated().filter { $0.offset % 10 != 3 }.map(\.element)
        let second = ZoneBuilder.build(try ZoningProblem(points: remaining, zones: TestCity.zones(12), options: ZoningOptions(seed: seed)))
        #expect(Double(second.moved) <= 0.03 * Double(remaining.count))
        #expect(second.maxLoadRatio <= 1.05 && second.minLoadRatio >= 0.95)
    }

    @Test(arguments: TestCity.seeds)
    func unchangedRebuildMovesNothing(seed: UInt64) throws {
        let points = TestCity.points(count: 1500, seed: seed)
        let first = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(10), options: ZoningOptions(seed: seed)))
        let again = ZoneBuilder.build(try ZoningProblem(points: TestCity.zoned(points, first), zones: TestCity.zones(10),
                                                        options: ZoningOptions(seed: seed + 1)))
        #expect(again.moved == 0)
        #expect(again.zoneOfPoint == first.zoneOfPoint)
    }

    @Test(arguments: TestCity.seeds)
    func lockedZonesAreLeftAlone(seed: UInt64) throws {
        let points = TestCity.points(count: 1500, seed: seed)
        let first = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(10), options: ZoningOptions(seed: seed)))
        let locked = ["Z2", "Z7"]
        let built = TestCity.zones(10).filter { !locked.contains($0.id) }
        let grown = TestCity.zoned(points, first) + TestCity.points(count: 300, seed: seed + 200, prefix: "n")
        for fresh in [false, true] {
            let second = ZoneBuilder.build(try ZoningProblem(points: grown, zones: built, lockedZones: locked,
                                                             options: ZoningOptions(fresh: fresh, seed: seed)))
            for i in 0..<points.count where locked.contains(first.zoneOfPoint[i]) {
                #expect(second.zoneOfPoint[i] == first.zoneOfPoint[i])
            }
            for i in points.count..<grown.count { #expect(!locked.contains(second.zoneOfPoint[i])) }
            for i in 0..<points.count where !locked.contains(first.zoneOfPoint[i]) {
                #expect(!locked.contains(second.zoneOfPoint[i]))
            }
            #expect(second.zones.filter(\.locked).map(\.id) == locked)
            #expect(second.maxLoadRatio <= 1.05 && second.minLoadRatio >= 0.95)
        }
    }

    @Test(arguments: TestCity.seeds)
    func freshBuildKeepsZoneIdsWhereTheyWere(seed: UInt64) throws {
        let points = TestCity.points(count: 1500, seed: seed)
        let first = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(8), options: ZoningOptions(seed: seed)))
        let fresh = ZoneBuilder.build(try ZoningProblem(points: TestCity.zoned(points, first), zones: TestCity.zones(8),
                                                        options: ZoningOptions(fresh: true, seed: seed + 9)))
        // Whatever the new shapes, ids follow the largest overlap: most accounts stay put.
        #expect(Double(fresh.moved) < 0.5 * Double(points.count))
    }

    @Test(arguments: TestCity.seeds)
    func anchoredZonesGoToTheNearestAnchor(seed: UInt64) throws {
        let points = TestCity.points(count: 1500, seed: seed)
        let first = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(8), options: ZoningOptions(seed: seed)))
        // Agents live at the centres of the zones of a first build, listed in another order.
        let anchored = first.zones.reversed().enumerated().map { t, z in
            ZoneSpec(id: "agent\(t)", anchor: .init(latitude: z.centroid!.latitude, longitude: z.centroid!.longitude))
        }
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: anchored, options: ZoningOptions(fresh: true, seed: seed)))
        for (spec, zone) in zip(anchored, result.zones) {
            let a = spec.anchor!, c = zone.centroid!
            let metres = ((a.latitude - c.latitude) * 111_195, (a.longitude - c.longitude) * 111_195)
            #expect((metres.0 * metres.0 + metres.1 * metres.1).squareRoot() < 3000)
        }
        #expect(result.maxLoadRatio <= 1.05 && result.minLoadRatio >= 0.95)
    }

    @Test(arguments: TestCity.seeds)
    func zonesDoNotInterleave(seed: UInt64) throws {
        let points = TestCity.points(count: 2000, seed: seed)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(10), options: ZoningOptions(seed: seed)))
        let metrics = ZoningMetrics.measure(points: points, zoneOfPoint: result.zoneOfPoint)
        // About 200 accounts a zone: border accounts alone give a few per cent.
        #expect(metrics.contiguity < 0.08)
    }

    @Test func tinyAndDegenerateInputs() throws {
        let empty = ZoneBuilder.build(try ZoningProblem(points: [], zones: TestCity.zones(3)))
        #expect(empty.zoneOfPoint.isEmpty && empty.zones.count == 3)
        let few = TestCity.points(count: 2, seed: 1)
        let r = ZoneBuilder.build(try ZoningProblem(points: few, zones: TestCity.zones(5), options: ZoningOptions(fresh: true)))
        #expect(r.zoneOfPoint.count == 2)
        let same = (0..<50).map { ZonePoint(id: "s\($0)", latitude: -1.3, longitude: 36.8) }
        let s = ZoneBuilder.build(try ZoningProblem(points: same, zones: TestCity.zones(5), options: ZoningOptions(balance: .accounts)))
        #expect(s.zones.map(\.accounts).reduce(0, +) == 50)
    }

    @Test func invalidProblemsAreRefusedNamingTheItem() {
        let p = ZonePoint(id: "acc-1", latitude: -1.3, longitude: 36.8)
        #expect(throws: ZoningError.noZones) { try ZoningProblem(points: [p], zones: []) }
        #expect(throws: ZoningError.duplicatePoint("acc-1")) { try ZoningProblem(points: [p, p], zones: TestCity.zones(1)) }
        #expect(throws: ZoningError.invalidCoordinate(pointID: "bad")) {
            try ZoningProblem(points: [ZonePoint(id: "bad", latitude: 91, longitude: 0)], zones: TestCity.zones(1))
        }
        #expect(throws: ZoningError.lockedZoneAlsoBuilt("Z1")) {
            try ZoningProblem(points: [p], zones: TestCity.zones(2), lockedZones: ["Z1"])
        }
        #expect(throws: ZoningError.duplicateZone("Z1")) { try ZoningProblem(points: [p], zones: TestCity.zones(1) + TestCity.zones(1)) }
        #expect(throws: ZoningError.invalidServiceTime(pointID: "neg")) {
            try ZoningProblem(points: [ZonePoint(id: "neg", latitude: -1.3, longitude: 36.8, serviceMinutes: -1)], zones: TestCity.zones(1))
        }
    }
}
