import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A real `osrm-routed` on the Monaco car graph for the end-to-end tests of `travel osrm`
/// (the same setup as FieldPlanOSRMTests' `OSRMServer`: `scripts/osrm-dev setup`). Without
/// it the test does not run and says so; with `FIELDPLAN_REQUIRE_OSRM=1` that is a failure.
final class OSRMRouted {
    let url: String
    private let process: Process

    static let version = ProcessInfo.processInfo.environment["OSRM_BINDINGS_VERSION"] ?? "26.10.0"
    static let folder = ProcessInfo.processInfo.environment["FIELDPLAN_OSRM_DIR"] ?? CLIHarness.repository + "/.build/osrm"

    static func start(sourceLocation: SourceLocation = #_sourceLocation) throws -> OSRMRouted? {
        let binary = folder + "/wheel-\(version)/osrm/bin/osrm-routed", graph = folder + "/graph-\(version)/monaco.osrm"
        guard FileManager.default.isExecutableFile(atPath: binary), FileManager.default.fileExists(atPath: graph + ".hsgr") else {
            let why = "osrm-routed or the Monaco graph is missing under \(folder); run scripts/osrm-dev setup"
            if ProcessInfo.processInfo.environment["FIELDPLAN_REQUIRE_OSRM"] == "1" {
                Issue.record("FIELDPLAN_REQUIRE_OSRM=1 but \(why)", sourceLocation: sourceLocation)
            } else {
                print("◇ OSRM test NOT RUN: \(why) (FIELDPLAN_REQUIRE_OSRM=1 makes this a failure)")
            }
            return nil
        }
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-i", "127.0.0.1", "-p", String(port), graph]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = OSRMRouted(url: "http://127.0.0.1:\(port)", process: process)
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, process.isRunning {
            if server.answers() { return server }
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

    /// The decoded JSON of `GET {url}{path}` (2 s at most).
    func json(_ path: String) -> [String: Any]? {
        guard let u = URL(string: url + path) else { return nil }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: URLRequest(url: u, timeoutInterval: 2)) { data, _, _ in
            box.data = data
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 3) == .success, let data = box.data else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    private final class Box: @unchecked Sendable { var data: Data? }

    private func answers() -> Bool { json("/nearest/v1/driving/7.4197,43.7311")?["code"] as? String == "Ok" }

    /// A port nobody listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
