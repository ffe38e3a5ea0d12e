import FieldPlanCore
import FieldPlanOSRM
import Foundation
import Testing

/// The OSRM client against a real osrm-routed on Monaco (see `OSRMServer`): its matrix is
/// the server's own answer, cell by cell, however it is split into requests.
struct OSRMTravelModelTests {
    /// Places in Monaco (the Casino, the Palace, the port, Fontvieille, the station, …) and a
    /// seeded scatter over the town.
    static func points(_ count: Int, seed: UInt64 = 7) -> [Coordinate] {
        let fixed = [(43.7394, 7.4276), (43.7312, 7.4200), (43.7350, 7.4215), (43.7286, 7.4155), (43.7388, 7.4206),
                     (43.7449, 7.4311), (43.7333, 7.4178), (43.7418, 7.4262)]
        var out = fixed.map { Coordinate(lat: $0.0, lon: $0.1)! }
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        while out.count < count { out.append(Coordinate(lat: 43.727 + next() * 0.018, lon: 7.413 + next() * 0.021)!) }
        return Array(out.prefix(count))
    }

    /// The server's answer to one unsplit `/table` request, decoded here (not by the client).
    static func raw(_ server: OSRMServer, _ points: [Coordinate]) throws -> (seconds: [Double?], metres: [Double?]) {
        let list = points.map { "\($0.lon),\($0.lat)" }.joined(separator: ";")
        let data = try #require(server.get("/table/v1/driving/\(list)?annotations=duration,distance"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func flat(_ key: String) -> [Double?] {
            ((json[key] as? [[Any]]) ?? []).flatMap { $0.map { ($0 as? NSNumber)?.doubleValue } }
        }
        return (flat("durations"), flat("distances"))
    }

    static func model(_ server: OSRMServer, size: Int = 100) -> OSRMTravelModel {
        OSRMTravelModel(configuration: OSRMConfiguration(baseURL: server.url, maxTableSize: size, timeoutSeconds: 10))
    }

    @Test func matrixIsTheServersOwnAnswerCellByCell() throws {
        guard let server = try OSRMServer.start() else { return }
        defer { server.stop() }
        let points = Self.points(8)
        let matrix = try Self.model(server).matrix(from: points, to: points)
        let raw = try Self.raw(server, points)
        #expect(raw.seconds.count == 64)
        for i in 0..<64 {
            let s = try #require(raw.seconds[i]), m = try #require(raw.metres[i])
            #expect(matrix.seconds[i] == Int(s.rounded()), "seconds \(i / 8)→\(i % 8)")
            #expect(matrix.metres[i] == Int(m.rounded()), "metres \(i / 8)→\(i % 8)")
        }
        // Not a matrix of zeros: the Casino to the Palace is a couple of kilometres of streets.
        #expect(matrix[0, 1].metres > 1000 && matrix[0, 1].seconds > 60)
        // The legs the planner's scheduler asks afterwards come from the same figures, without a request.
        let model = Self.model(server)
        _ = try model.matrix(from: points, to: points)
        let before = model.requests
        #expect(try model.leg(from: points[3], to: points[5]) == matrix[3, 5])
        #expect(model.requests == before)
    }

    @Test func aMatrixLargerThanTheTableSizeIsAskedInBlocksAndEqualsTheWholeOne() throws {
        guard let server = try OSRMServer.start() else { return }
        defer { server.stop() }
        let points = Self.points(30)
        let whole = Self.model(server)
        let full = try whole.matrix(from: points, to: points)
        #expect(whole.requests == 1)
        let split = Self.model(server, size: 7)
        #expect(try split.matrix(from: points, to: points) == full)
        #expect(split.requests == 25, "⌈30/7⌉² blocks")
        // Not square: 12 origins to 17 other destinations, in 2 × 3 blocks.
        let origins = Array(points[0..<12]), destinations = Array(points[13..<30])
        let block = Self.model(server, size: 7)
        let part = try block.matrix(from: origins, to: destinations)
        #expect(block.requests == 6)
        for r in 0..<12 { for c in 0..<17 { #expect(part[r, c] == full[r, 13 + c]) } }
        // 15 points at 7 a side: the last diagonal block holds one point (OSRM wants two).
        let odd = Array(points[0..<15])
        #expect(try Self.model(server, size: 7).matrix(from: odd, to: odd) == (try whole.matrix(from: odd, to: odd)))
    }

    @Test func aServerWithASmallerLimitIsAskedInSmallerBlocks() throws {
        guard let small = try OSRMServer.start(maxTableSize: 10) else { return }
        defer { small.stop() }
        guard let whole = try OSRMServer.start() else { return }
        defer { whole.stop() }
        let points = Self.points(24)
        // Told 40, the server refuses (TooBig) until the blocks are 10 or fewer a side.
        let model = Self.model(small, size: 40)
        let matrix = try model.matrix(from: points, to: points)
        let raw = try Self.raw(whole, points)
        #expect(matrix.seconds == raw.seconds.map { Int($0!.rounded()) })
        #expect(matrix.metres == raw.metres.map { Int($0!.rounded()) })
        #expect(model.requests >= 9, "at least ⌈24/10⌉² blocks")
    }

    @Test func aServerErrorIsRetriedThenTheAnswerIsUsed() throws {
        guard let server = try OSRMServer.start() else { return }
        defer { server.stop() }
        let flaky = FlakyTransport(failures: 2, status: 503)
        let model = OSRMTravelModel(client: OSRMClient(configuration: OSRMConfiguration(baseURL: server.url, retries: 3, backoffSeconds: 0.01),
                                                       transport: flaky))
        let points = Self.points(5)
        let matrix = try model.matrix(from: points, to: points)
        #expect(flaky.calls == 3, "two 503s, then the real answer")
        let direct = try Self.model(server).matrix(from: points, to: points)
        #expect(matrix == direct)
    }

    @Test func roadsRouteShapeFollowsTheStreets() throws {
        guard let server = try OSRMServer.start() else { return }
        defer { server.stop() }
        let points = Self.points(2)
        let path = try Self.model(server).path(from: points[0], to: points[1])
        #expect(path.first == points[0] && path.last == points[1])
        #expect(path.count > 10, "a street route has many shape points, not a straight line")
    }
}

