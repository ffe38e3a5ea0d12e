import FieldPlanCore
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The store contract for roads (issue 17, third stage): the road network's row and its graph
/// of tens of MiB stored and read back byte for byte on both engines, replaced in one
/// transaction, read without its graph; and the located places listed off the network.
@Suite("Store contract: roads")
struct RoadContractTests {
    /// A graph of `size` bytes that does not compress to nothing (PostgreSQL compresses what it keeps out of line).
    static func graph(_ size: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: size)
        var i = 0
        while i < size {
            var word = rng.next()
            for _ in 0..<8 where i < size {
                bytes[i] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                i += 1
            }
        }
        return bytes
    }

    struct Report: Equatable, Sendable {
        var reads: [String] = []
        var graphs: [Bool] = []
        var places: [String] = []
    }

    static func scenario(_ store: any AgencyStore, folder: String) throws -> Report {
        var report = Report()
        report.reads.append("none: \(try store.roadNetwork() == nil) \(try store.roadNetwork(withGraph: false) == nil)")
        let big = graph(24 << 20, seed: 7)
        try store.saveRoadNetwork(StoredRoadNetwork(profile: "car", source: "city.osm.pbf", importedAt: 1_796_000_000, vertices: 123_456,
                                                    edges: 234_567, km: 4321.5, graph: big))
        let read = try #require(try store.roadNetwork())
        report.reads.append("\(read.profile) \(read.source) \(read.importedAt) \(read.vertices) \(read.edges) \(read.km) \(read.graph?.count ?? -1)")
        report.graphs.append(read.graph == big)
        let light = try #require(try store.roadNetwork(withGraph: false))
        report.reads.append("without graph: \(light.profile) \(light.vertices) \(light.graph == nil)")
        let small = graph(1000, seed: 8)
        try store.saveRoadNetwork(StoredRoadNetwork(profile: "foot", source: "town.osm.pbf", importedAt: 1_796_000_100, vertices: 10,
                                                    edges: 12, km: 1.25, graph: small))
        let replaced = try #require(try store.roadNetwork())
        report.reads.append("replaced: \(replaced.profile) \(replaced.source) \(replaced.vertices) \(replaced.km) \(replaced.graph?.count ?? -1)")
        report.graphs.append(replaced.graph == small)
        _ = try store.importRecords(try PlanContractTests.demoInputs(folder), now: ImportContractTests.now)
        report.places = try store.locatedPlaces().map { "\($0.kind) \($0.id) \($0.at.lat) \($0.at.lon)" }
        return report
    }

    static func run(_ engine: StoreEngine) async throws -> Report {
        try await withFreshStore(engine) { store in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-roads-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            return try scenario(store, folder: folder)
        }
    }

    @Test("a road network of 24 MiB, replaced, read with and without its graph, and the located places, on both engines",
          arguments: StoreEngine.postgresOnly)
    func sameRoads(_ engine: StoreEngine) async throws {
        let sqlite = try await Self.run(.sqlite)
        let postgres = try await Self.run(engine)
        #expect(postgres == sqlite)
        #expect(postgres.graphs == [true, true])
        #expect(postgres.reads[0] == "none: true true" && postgres.reads[2].hasSuffix("true"))
        #expect(postgres.places.count > 300 && postgres.places.last?.hasPrefix("base ") == true)
    }
}
