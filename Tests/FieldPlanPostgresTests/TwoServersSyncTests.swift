@testable import FieldPlanPostgres
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// Two `fieldplan serve` processes on one PostgreSQL database, as behind a load balancer,
/// receive the same `POST /api/sync` body at the same moment: the outcomes are stored once,
/// one answer counts them accepted and the other duplicates, and neither is an error.
/// Servers listen on 127.0.0.1 (port 0), every wait is bounded, and both are stopped.
@Suite("Two fieldplan serve processes on one PostgreSQL database")
struct TwoServersSyncTests {
    /// `fieldplan serve --port 0 --db url`; its port from its first line (within 60 s).
    static func serve(_ url: String, in folder: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PostgresCLITests.binary)
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--db", url]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "FIELDPLAN_DB")
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let reader = out.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        var first = Data()
        while !first.contains(0x0A), process.isRunning, Date() < deadline {
            var poll = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard Glibc.poll(&poll, 1, 500) > 0 else { continue }
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        let line = String(decoding: first, as: UTF8.self)
        guard let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            process.terminate()
            throw TestFailure("fieldplan serve gave no port: \(line)")
        }
        return (process, port)
    }

    /// SIGTERM, then SIGKILL if it has not stopped within 20 s.
    static func stop(_ process: Process) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    static func post(_ port: Int, token: String, body: Data) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/sync")!)
        request.httpMethod = "POST"
        request.timeoutInterval = 120
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/x-ndjson", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test("the same sync body posted to both at once is stored once", arguments: StoreEngine.postgresOnly)
    func sameBodyAtOnce(_ engine: StoreEngine) async throws {
        let database = try await onPlainThread { try ScratchDatabase.make() }
        defer { try? database.drop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-two-servers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let url = database.url.text
        let token = try await onPlainThread { () throws -> String in
            let setup = SyncConcurrencyTests.setup(folder)
            let imported = try PostgresCLITests.run(["import", setup.path, "--db", url], in: folder)
            guard imported.status == 0 else { throw TestFailure("import: \(imported.stderr)") }
            let added = try PostgresCLITests.run(["users", "add", "boss", "--role", "supervisor", "--db", url], in: folder)
            guard added.status == 0 else { throw TestFailure("users add: \(added.stderr)") }
            return added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let body = try Data(contentsOf: URL(fileURLWithPath: SyncConcurrencyTests.batch(folder, "phone.ndjson", 1...120).path))
        let (one, onePort) = try await onPlainThread { try Self.serve(url, in: folder) }
        defer { Self.stop(one) }
        let (two, twoPort) = try await onPlainThread { try Self.serve(url, in: folder) }
        defer { Self.stop(two) }

        async let a = Self.post(onePort, token: token, body: body)
        async let b = Self.post(twoPort, token: token, body: body)
        let answers = try await [a, b]
        #expect(answers.map(\.0) == [200, 200], "\(answers)")
        let bodies = answers.map(\.1).sorted()
        #expect(bodies.contains { $0.contains(#""accepted":120,"duplicates":0"#) }, "\(bodies)")
        #expect(bodies.contains { $0.contains(#""accepted":0,"duplicates":120"#) }, "\(bodies)")
        let stored = try await onPlainThread { try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM outcome") }
        #expect(stored == 120)
        try await onPlainThread { Self.stop(one); Self.stop(two) }
    }
}
