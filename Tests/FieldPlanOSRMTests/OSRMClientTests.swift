import FieldPlanCore
import FieldPlanOSRM
import Foundation
import Testing

/// The client's rules that need no real server: retries, what is not retried, `null` cells,
/// a server that is not there, and the requests' shape.
struct OSRMClientTests {
    static let a = Coordinate(lat: 43.7394, lon: 7.4276)!
    static let b = Coordinate(lat: 43.7312, lon: 7.4200)!

    static func model(_ transport: any OSRMTransport, size: Int = 100, retries: Int = 3) -> OSRMTravelModel {
        OSRMTravelModel(client: OSRMClient(configuration: OSRMConfiguration(baseURL: "http://osrm.test:5000/", maxTableSize: size,
                                                                            timeoutSeconds: 1, retries: retries, backoffSeconds: 0),
                                           transport: transport, sleep: { _ in }))
    }

    static let twoByTwo = #"{"code":"Ok","durations":[[0,87.4],[91.6,0]],"distances":[[0,657.5],[700.2,0]],"sources":[{"distance":3.1},{"distance":29.3}],"destinations":[{"distance":3.1},{"distance":29.3}]}"#

    @Test func theRequestIsOSRMsTableWithBothAnnotations() throws {
        let canned = CannedTransport([(200, Self.twoByTwo)])
        let matrix = try Self.model(canned).matrix(from: [Self.a, Self.b], to: [Self.a, Self.b])
        #expect(canned.urls.map(\.absoluteString) == ["http://osrm.test:5000/table/v1/driving/7.427600,43.739400;7.420000,43.731200?annotations=duration,distance"])
        #expect(matrix.seconds == [0, 87, 92, 0] && matrix.metres == [0, 658, 700, 0], "tenths rounded to whole seconds and metres")
    }

    @Test func fiveHundredsAreRetriedAndThenAreOneLine() throws {
        let retried = CannedTransport([(502, "<html>Bad Gateway</html>"), (503, "{}"), (200, Self.twoByTwo)])
        #expect(try Self.model(retried).matrix(from: [Self.a, Self.b], to: [Self.a, Self.b]).seconds == [0, 87, 92, 0])
        #expect(retried.calls == 3)
        let down = CannedTransport([(503, #"{"code":"InternalError","message":"out of\nmemory"}"#)])
        let error = #expect(throws: OSRMError.self) { try Self.model(down).matrix(from: [Self.a], to: [Self.b]) }
        #expect(error.map { "\($0)" } == "OSRM server http://osrm.test:5000: /table: HTTP 503 (InternalError: out of memory) (after 4 attempts)")
        #expect(down.calls == 4, "one try and three retries")
    }

    @Test func aRefusalIsNotRetried() throws {
        let refused = CannedTransport([(400, #"{"code":"InvalidQuery","message":"Query string malformed close to position 12"}"#)])
        let error = #expect(throws: OSRMError.self) { try Self.model(refused).matrix(from: [Self.a], to: [Self.b]) }
        #expect(error.map { "\($0)" } == "OSRM server http://osrm.test:5000: /table: HTTP 400 (InvalidQuery: Query string malformed close to position 12)")
        #expect(refused.calls == 1)
    }

    @Test func aNullCellIsNoRouteNeverAPartialMatrix() throws {
        let holes = #"{"code":"Ok","durations":[[0,null],[91.6,0]],"distances":[[0,null],[700.2,0]],"sources":[{"distance":1},{"distance":1}],"destinations":[{"distance":1},{"distance":1}]}"#
        let error = #expect(throws: OSRMError.self) { try Self.model(CannedTransport([(200, holes)])).matrix(from: [Self.a, Self.b], to: [Self.a, Self.b]) }
        #expect(error.map { "\($0)" } == "OSRM server http://osrm.test:5000: no route from 43.739400,7.427600 to 43.731200,7.420000")
        // The check before planning finds the place with no way back, and the snap distance.
        let one = #"{"code":"Ok","durations":[[null]],"distances":[[null]],"sources":[{"distance":612.4}],"destinations":[{"distance":2}]}"#
        let checked = try Self.model(CannedTransport([(200, one)])).check([Self.b], reference: Self.a)
        #expect(checked.count == 1 && checked[0].snapMetres == 612.4 && !checked[0].routable)
    }

    @Test func aLaterBlockFailingFailsTheWholeMatrix() throws {
        // Four blocks of 2 × 2; the second one's server errors persist.
        let ok = #"{"code":"Ok","durations":[[1,2],[3,4]],"distances":[[1,2],[3,4]],"sources":[{"distance":0},{"distance":0}],"destinations":[{"distance":0},{"distance":0}]}"#
        let canned = CannedTransport([(200, ok)] + Array(repeating: (500, "{}"), count: 10))
        let points = [Self.a, Self.b, Coordinate(lat: 43.735, lon: 7.4215)!, Coordinate(lat: 43.7286, lon: 7.4155)!]
        #expect(throws: OSRMError.self) { try Self.model(canned, size: 2).matrix(from: points, to: points) }
        #expect(canned.calls == 5, "the first block, then the second tried four times; nothing after")
    }

    @Test func aServerThatIsNotThereIsOneLineNamingTheURL() throws {
        let port = try OSRMServer.freePort()
        let model = OSRMTravelModel(client: OSRMClient(configuration: OSRMConfiguration(baseURL: "http://127.0.0.1:\(port)", timeoutSeconds: 2,
                                                                                        retries: 2, backoffSeconds: 0.01)))
        let error = #expect(throws: OSRMError.self) { try model.matrix(from: [Self.a], to: [Self.b]) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.hasPrefix("OSRM server http://127.0.0.1:\(port): /table: connection refused"), "\(text)")
        #expect(text.hasSuffix("(after 3 attempts)") && !text.contains("\n"), "\(text)")
    }
}
