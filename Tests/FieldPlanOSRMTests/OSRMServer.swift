import FieldPlanOSRM
import Foundation
import Testing

/// A real `osrm-routed` on the Monaco car graph, on a free loopback port, for one test: the
/// binary and the graph come from `scripts/osrm-dev setup` (in `.build/osrm`, or
/// `$FIELDPLAN_OSRM_DIR`). Without them the test does not run and says so; with
/// `FIELDPLAN_REQUIRE_OSRM=1` (CI) their absence is a failure.
final class OSRMServer {
    let url: String
    let process: Process

    /// The repository root (the graph is built from its `data/roads/monaco.osm.pbf`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let version = ProcessInfo.processInfo.environment["OSRM_BINDINGS_VERSION"] ?? "26.10.0"
    static let folder = ProcessInfo.processInfo.environment["FIELDPLAN_OSRM_DIR"] ?? repository + "/.build/osrm"
    static var binary: String { folder + "/wheel-\(version)/osrm/bin/osrm-routed" }
    static var graph: String { folder + "/graph-\(version)/monaco.osrm" }
    static var required: Bool { ProcessInfo.processInfo.environment["FIELDPLAN_REQUIRE_OSRM"] == "1" }

    /// Starts a server, or nil when osrm-routed is not set up (a recorded failure when it is required).
    static func start(maxTableSize: Int = 100, sourceLocation: SourceLocation = #_sourceLocation) throws -> OSRMServer? {
        let fm = FileManager.default
        guard fm.isExecutableFile(atPath: binary), fm.fileExists(atPath: graph + ".hsgr") else {
            let why = "osrm-routed or the Monaco graph is missing under \(folder); run scripts/osrm-dev setup"
            if required {
                Issue.record("FIELDPLAN_REQUIRE_OSRM=1 but \(why)", sourceLocation: sourceLocation)
            } else {
                print("◇ OSRM test NOT RUN: \(why) (FIELDPLAN_REQUIRE_OSRM=1 makes this a failure)")
            }
            return nil
        }
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-i", "127.0.0.1", "-p", String(port), "--max-table-size", String(maxTableSize), graph]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = OSRMServer(url: "http://127.0.0.1:\(port)", process: process)
        // Bounded: at most 15 s for the graph to load (well under a second on Monaco).
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            if server.answers() { return server }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        server.stop()
        Issue.record("osrm-routed did not answer on \(server.url) within 15 s", sourceLocation: sourceLocation)
        return nil
    }

    private init(url: String, process: Process) {
        self.url = url
        self.process = process
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The body of `GET {url}{path}`, with a short timeout.
    func get(_ path: String) -> Data? {
        Self.get(url + path)
    }

    static func get(_ address: String) -> Data? {
        guard let u = URL(string: address), let answer = try? URLSessionTransport().get(u, timeoutSeconds: 2), answer.status == 200 else { return nil }
        return answer.body
    }

    private func answers() -> Bool {
        guard let data = get("/nearest/v1/driving/7.4197,43.7311"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return json["code"] as? String == "Ok"
    }

    /// A port nobody listens on now: bound to 0, read, closed.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
