import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `fieldplan serve`: the built binary on a free loopback port, called over HTTP, stopped by
/// SIGTERM with exit 0; one log line per request on stderr, without the token.
struct ServeCLITests {
    @Test func servesTheStoreAndStopsOnSIGTERM() async throws {
        let cli = try UsersCLITests.withAgents()
        defer { cli.cleanUp() }
        let token = try cli.run(["users", "add", "boss", "--role", "supervisor"]).stdout.trimmingCharacters(in: .newlines)
        let agentLines = try cli.run(["agents", "list", "--format", "json"]).stdout

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments = ["serve", "--port", "0", "--db", cli.folder + "/fieldplan.db"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first line says where it listens.
        var first = Data()
        while !first.contains(0x0A), process.isRunning {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        let line = String(decoding: first, as: UTF8.self)
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }, "\(line)")
        #expect(line.hasPrefix("fieldplan: serving "))

        let base = "http://127.0.0.1:\(port)"
        let (_, health) = try await URLSession.shared.data(from: URL(string: base + "/healthz")!)
        #expect((health as? HTTPURLResponse)?.statusCode == 200)
        var request = URLRequest(url: URL(string: base + "/api/agents")!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (agents, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: agents, as: UTF8.self) == agentLines, "the same lines as agents list --format json")
        let (_, refused) = try await URLSession.shared.data(from: URL(string: base + "/api/agents")!)
        #expect((refused as? HTTPURLResponse)?.statusCode == 401)

        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.components(separatedBy: "request").count - 1 >= 3, "\(log)")
        #expect(log.contains("status=401"))
        #expect(!log.contains(token))
    }

    @Test func aMissingStoreIsOneLineAndExit1() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let result = try cli.run(["serve", "--port", "0", "--db", cli.folder + "/none.db"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("fieldplan: "))
        #expect(result.stderr.contains("none.db"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
