import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `fieldplan users revoke` in another process stops a token on a server that is running and
/// has just answered it (the server keeps the tokens it found valid until the next commit).
struct ServeRevokeCLITests {
    @Test func aRevocationByTheCommandIsImmediateOnARunningServer() throws {
        let cli = try UsersCLITests.withAgents()
        defer { cli.cleanUp() }
        let token = try cli.run(["users", "add", "boss", "--role", "supervisor"]).stdout.trimmingCharacters(in: .newlines)
        let (process, port) = try ServeCLITests.start(cli)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        func status() throws -> String {
            let socket = try LoopbackSocket(port: port)
            socket.setReceiveTimeout(seconds: 60)
            try socket.send(Array("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n".utf8))
            return String(socket.receiveAll().prefix(12))
        }
        #expect(try status() == "HTTP/1.1 200")
        #expect(try status() == "HTTP/1.1 200")
        #expect(try cli.run(["users", "revoke", "boss"]).status == 0)
        #expect(try status() == "HTTP/1.1 401")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
