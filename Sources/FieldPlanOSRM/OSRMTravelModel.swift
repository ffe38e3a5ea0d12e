import FieldPlanCore
import Foundation

/// `travel osrm` (SPEC §11): the travel matrix from an OSRM server's `/table` service, behind
/// the same `TravelMatrixSource` as the great circle and the built-in roads, so the planner,
/// the checker and the sheets use its figures unchanged.
///
/// A matrix larger than `maxTableSize` sources or destinations is asked as blocks of at most
/// that many each (a 250 × 250 matrix at 100 is nine requests), and put together only when
/// every block has come: a failure throws and no partial matrix is ever returned. If the
/// server refuses a block as too big (`TooBig`: its `--max-table-size` is smaller than the
/// setting), the blocks are halved and asked again.
///
/// Each matrix fetched is kept for the life of the value (one use case), so the planner's one
/// day matrix is the only request of a plan: the legs the scheduler and the checker ask
/// afterwards are looked up in it. Seconds and metres are rounded to whole ones, as OSRM's
/// tenths would otherwise make the checker disagree with the planner.
/// - Complexity: ⌈n / size⌉ × ⌈m / size⌉ requests for an n × m matrix not seen before.
public final class OSRMTravelModel: TravelMatrixSource, @unchecked Sendable {
    public let client: OSRMClient
    public var name: String { "osrm" }
    private let lock = NSLock()
    private var blocks: [Block] = []
    private var tableSize: Int
    /// Requests made so far (for tests and the benchmark).
    public private(set) var requests = 0

    public init(client: OSRMClient) {
        self.client = client
        self.tableSize = client.configuration.maxTableSize
    }

    public convenience init(configuration: OSRMConfiguration) {
        self.init(client: OSRMClient(configuration: configuration))
    }

    /// A matrix already fetched, with where each of its points sits.
    private struct Block {
        var origins: [Coordinate: Int]
        var destinations: [Coordinate: Int]
        var matrix: TravelMatrix
    }

    public func matrix(from origins: [Coordinate], to destinations: [Coordinate]) throws -> TravelMatrix {
        if let known = cached(origins, destinations) { return known }
        let matrix = try fetch(origins, destinations)
        lock.lock(); defer { lock.unlock() }
        blocks.append(Block(origins: Self.index(origins), destinations: Self.index(destinations), matrix: matrix))
        return matrix
    }

    /// OSRM's own shape of the route (`/route`), for sheets and `roads route`.
    public func path(from a: Coordinate, to b: Coordinate) throws -> [Coordinate] {
        if a == b { return [a] }
        let route = try client.route(from: a, to: b)
        count(1)
        return [a] + route.path.compactMap { Coordinate(lat: $0.lat, lon: $0.lon) } + [b]
    }

    /// How far each point is from where it joins OSRM's roads, and whether it can reach
    /// `reference` and be reached from it (then, through it, every other such point):
    /// two `/table` requests of one column and one row per block of points.
    public func check(_ points: [Coordinate], reference: Coordinate) throws -> [(snapMetres: Double, routable: Bool)] {
        var out: [(snapMetres: Double, routable: Bool)] = []
        out.reserveCapacity(points.count)
        let size = max(1, currentSize() - 1)
        var start = 0
        while start < points.count {
            let chunk = Array(points[start..<min(points.count, start + size)])
            let all = chunk + [reference]
            let there = try client.table(all, sources: Array(chunk.indices), destinations: [chunk.count])
            let back = try client.table(all, sources: [chunk.count], destinations: Array(chunk.indices))
            count(2)
            for i in chunk.indices {
                out.append((there.sourceSnapMetres[i], there.durations[i] != nil && back.durations[i] != nil))
            }
            start += size
        }
        return out
    }

    private func cached(_ origins: [Coordinate], _ destinations: [Coordinate]) -> TravelMatrix? {
        lock.lock(); defer { lock.unlock() }
        for block in blocks.reversed() {
            var rows: [Int] = [], columns: [Int] = []
            rows.reserveCapacity(origins.count); columns.reserveCapacity(destinations.count)
            for o in origins { guard let r = block.origins[o] else { break }; rows.append(r) }
            guard rows.count == origins.count else { continue }
            for d in destinations { guard let c = block.destinations[d] else { break }; columns.append(c) }
            guard columns.count == destinations.count else { continue }
            var seconds: [Int] = [], metres: [Int] = []
            seconds.reserveCapacity(rows.count * columns.count); metres.reserveCapacity(rows.count * columns.count)
            let width = block.matrix.columns
            for r in rows {
                for c in columns {
                    seconds.append(block.matrix.seconds[r * width + c])
                    metres.append(block.matrix.metres[r * width + c])
                }
            }
            return TravelMatrix(rows: rows.count, columns: columns.count, seconds: seconds, metres: metres)
        }
        return nil
    }

    /// Every block, or a throw; halves the blocks when the server says they are too big.
    private func fetch(_ origins: [Coordinate], _ destinations: [Coordinate]) throws -> TravelMatrix {
        while true {
            let size = currentSize()
            do {
                return try fetch(origins, destinations, size: size)
            } catch let e as OSRMError {
                guard case .status(_, _, _, let code, _, _) = e, code == "TooBig", size > 1 else { throw e }
                lock.lock(); tableSize = max(1, size / 2); lock.unlock()
            }
        }
    }

    private func fetch(_ origins: [Coordinate], _ destinations: [Coordinate], size: Int) throws -> TravelMatrix {
        let n = origins.count, m = destinations.count
        var seconds = [Int](repeating: 0, count: n * m)
        var metres = [Int](repeating: 0, count: n * m)
        let square = origins == destinations
        var r0 = 0
        while r0 < n {
            let r1 = min(n, r0 + size)
            var c0 = 0
            while c0 < m {
                let c1 = min(m, c0 + size)
                let table: OSRMTable
                if square && r0 == c0 && r1 == c1 && r1 - r0 >= 2 {
                    // A block on the diagonal of a square matrix: its points once (OSRM
                    // wants two coordinates at least, so a block of one is sent twice).
                    table = try client.table(Array(origins[r0..<r1]))
                } else {
                    let rows = Array(origins[r0..<r1]), columns = Array(destinations[c0..<c1])
                    table = try client.table(rows + columns, sources: Array(0..<rows.count),
                                             destinations: Array(rows.count..<(rows.count + columns.count)))
                }
                count(1)
                let width = c1 - c0
                for i in 0..<(r1 - r0) {
                    for j in 0..<width {
                        guard let s = table.durations[i * width + j], let d = table.distances[i * width + j] else {
                            throw OSRMError.noRoute(url: client.configuration.baseURL, from: OSRMClient.text(origins[r0 + i]),
                                                    to: OSRMClient.text(destinations[c0 + j]))
                        }
                        seconds[(r0 + i) * m + c0 + j] = Int(s.rounded())
                        metres[(r0 + i) * m + c0 + j] = Int(d.rounded())
                    }
                }
                c0 = c1
            }
            r0 = r1
        }
        return TravelMatrix(rows: n, columns: m, seconds: seconds, metres: metres)
    }

    private func currentSize() -> Int {
        lock.lock(); defer { lock.unlock() }
        return tableSize
    }

    private func count(_ k: Int) {
        lock.lock(); requests += k; lock.unlock()
    }

    private static func index(_ points: [Coordinate]) -> [Coordinate: Int] {
        var out: [Coordinate: Int] = [:]
        for (i, p) in points.enumerated() where out[p] == nil { out[p] = i }
        return out
    }
}
