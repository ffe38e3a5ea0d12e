import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// SIGTERM while a request is in flight: the server reads the rest of its body, imports
    /// it, answers 200, and only then exits 0. The body is sent in two halves around the
    /// signal, so the request is in flight whatever the machine's speed.
    @Test func sigtermLetsARequestInFlightFinish() throws {
        let cli = try UsersCLITests.withAgents()
        defer { cli.cleanUp() }
        let token = try cli.run(["users", "add", "boss", "--role", "supervisor"]).stdout.trimmingCharacters(in: .newlines)
        let (process, port) = try Self.start(cli)
        defer { if process.isRunning { process.terminate() } }

        let body = (1...200).map { #"{"kind":"account","id":"T\#($0)","client":"Jamii Bank","debtor_name":"Debtor \#($0)","balance":\#($0)}"# }
            .joined(separator: "\n") + "\n"
        let head = "POST /api/import HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/x-ndjson\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        let socket = try LoopbackSocket(port: port)
        let bytes = Array(body.utf8)
        try socket.send(Array(head.utf8) + bytes[..<(bytes.count / 2)])
        // Time for the server to read the head: a connection whose request has not begun
        // counts as idle and is closed by a graceful stop.
        usleep(1_000_000)
        kill(process.processIdentifier, SIGTERM)
        usleep(300_000)
        #expect(process.isRunning, "the server waits for the request in flight")
        try socket.send(Array(bytes[(bytes.count / 2)...]))
        let answer = socket.receiveAll()
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(300))")
        #expect(answer.contains(#""total":{"accepted":200"#))
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let listed = try cli.run(["accounts", "list", "--format", "json"]).stdout
        #expect(listed.split(separator: "\n").count == 200)
    }

    /// Starts `fieldplan serve --port 0` on the harness's store; the port from its first line.
    static func start(_ cli: CLIHarness) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.binary)
        process.arguments = ["serve", "--port", "0", "--db", cli.folder + "/fieldplan.db"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var first = Data()
        while !first.contains(0x0A), process.isRunning {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        let line = String(decoding: first, as: UTF8.self)
        guard let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no port in \(line)"])
        }
        return (process, port)
    }
}

/// A plain TCP connection to 127.0.0.1, to send a request in pieces.
final class LoopbackSocket {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            sent += n
        }
    }

    /// Everything until the server closes the connection.
    func receiveAll() -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            data += buffer[..<n]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
