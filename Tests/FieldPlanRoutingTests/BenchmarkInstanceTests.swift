import Testing
@testable import FieldPlanRouting

@Suite struct BenchmarkInstanceTests {
    static let solomon = """
    TINY

    VEHICLE
    NUMBER     CAPACITY
      3         10

    CUSTOMER
    CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

        0      0          0          0          0       1000          0
        1      3          4          5          0        100         10
        2      6          8          5         20        200         10
        3      0          5          4          0        300         10
    """

    static let vrplib = """
    NAME : tiny-k2
    TYPE : CVRP
    DIMENSION : 4
    EDGE_WEIGHT_TYPE : EUC_2D
    CAPACITY : 10
    NODE_COORD_SECTION
    1 0 0
    2 3 4
    3 6 8
    4 0 5
    DEMAND_SECTION
    1 0
    2 5
    3 6
    4 4
    DEPOT_SECTION
    1
    -1
    EOF
    """

    static let tsplib = """
    NAME: square
    TYPE: TSP
    DIMENSION: 5
    EDGE_WEIGHT_TYPE: EUC_2D
    NODE_COORD_SECTION
    1 0 0
    2 10 0
    3 10 10
    4 0 10
    5 5 -1
    EOF
    """

    @Test func solomonIsReadAndDetected() throws {
        let i = try BenchmarkInstance.parse(Self.solomon, name: "tiny", format: nil)
        #expect(i.format == .solomon)
        #expect(i.ids == [0, 1, 2, 3])
        #expect(i.fleet == 3 && i.capacity == 10)
        #expect(i.ready == [0, 0, 20, 0] && i.due == [1000, 100, 200, 300] && i.service == [0, 10, 10, 10])
        #expect(i.distance(0, 1) == 5)
    }

    @Test func crlfFilesAreRead() throws {
        let text = Self.solomon.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let i = try BenchmarkInstance.parse(text, name: "tiny", format: .solomon)
        #expect(i.ids.count == 4)
    }

    @Test func vrplibIsReadAndDetected() throws {
        let i = try BenchmarkInstance.parse(Self.vrplib, name: "tiny", format: nil)
        #expect(i.format == .vrplib)
        #expect(i.ids == [1, 2, 3, 4] && i.demand == [0, 5, 6, 4] && i.capacity == 10)
        #expect(i.distance(1, 3) == 3) // (3,4)→(0,5): √10 ≈ 3.16, rounded per edge
    }

    @Test func tsplibIsReadAndDetected() throws {
        let i = try BenchmarkInstance.parse(Self.tsplib, name: "sq", format: nil)
        #expect(i.format == .tsplib)
        #expect(i.fleet == 1)
        #expect(i.distance(0, 4) == 5) // √26 = 5.099 → 5
    }

    @Test(arguments: [
        ("solomon", BenchmarkInstanceTests.solomon.replacingOccurrences("2      6          8          5         20        200         10", with: "2      6          8")),
        ("solomon", BenchmarkInstanceTests.solomon.replacingOccurrences("3      0          5          4", with: "3      0          x          4")),
        ("vrplib", BenchmarkInstanceTests.vrplib.replacingOccurrences("3 6 8", with: "3 six 8")),
        ("vrplib", BenchmarkInstanceTests.vrplib.replacingOccurrences("CAPACITY : 10", with: "CAPACITY : ten")),
        ("tsplib", BenchmarkInstanceTests.tsplib.replacingOccurrences("4 0 10", with: "4 0")),
    ])
    func malformedFilesNameTheLine(format: String, text: String) {
        do {
            _ = try BenchmarkInstance.parse(text, name: "bad", format: InstanceFormat(rawValue: format))
            Issue.record("parsed a malformed \(format) file")
        } catch let e as InstanceParseError {
            #expect(e.line != nil)
            #expect(e.description.hasPrefix("line "))
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test(arguments: ["", "hello\nworld", "DIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\nEOF"])
    func incompleteFilesThrowInsteadOfCrashing(text: String) {
        #expect(throws: InstanceParseError.self) { try BenchmarkInstance.parse(text, name: "bad", format: nil) }
    }

    @Test func solvingATinySolomonInstanceServesEveryCustomer() throws {
        let i = try BenchmarkInstance.parse(Self.solomon, name: "tiny", format: nil)
        let s = BenchmarkRunner.solve(i, limit: SearchLimit(seconds: nil, iterations: 100), seed: 1, threads: 2)
        #expect(s.routes.flatMap { $0 }.sorted() == [1, 2, 3])
        #expect(s.vehicles == s.routes.count && s.vehicles <= 3)
        let p = BenchmarkRunner.problem(i)
        let sol = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 100), seed: 1)
        #expect(p.check(sol).violations == [])
    }

    @Test func tspOutputIsTheWholeTourFromNodeOne() throws {
        let i = try BenchmarkInstance.parse(Self.tsplib, name: "sq", format: nil)
        let s = BenchmarkRunner.solve(i, limit: SearchLimit(seconds: nil, iterations: 100), seed: 1, threads: 1)
        #expect(s.routes.count == 1)
        #expect(s.routes[0].first == 1)
        #expect(s.routes[0].sorted() == [1, 2, 3, 4, 5])
        #expect(s.distance == 40) // 10 + 10 + 10 + 5 + 5: the square with a detour below its bottom edge
    }

    @Test func cvrpRespectsCapacity() throws {
        let i = try BenchmarkInstance.parse(Self.vrplib, name: "tiny", format: nil)
        let s = BenchmarkRunner.solve(i, limit: SearchLimit(seconds: nil, iterations: 100), seed: 1, threads: 1)
        #expect(s.routes.flatMap { $0 }.sorted() == [2, 3, 4])
        let demand = [2: 5, 3: 6, 4: 4]
        for r in s.routes { #expect(r.reduce(0) { $0 + demand[$1]! } <= 10) }
    }
}

extension String {
    func replacingOccurrences(_ a: String, with b: String) -> String {
        guard let r = range(of: a) else { fatalError("test fixture lacks \(a)") }
        return replacingCharacters(in: r, with: b)
    }
}
