import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// An import body is streamed to disk and read back line by line, and an export is written as
/// the store's cursors read it, neither ever held whole: the real server's peak memory grows
/// by far less than the body it takes in or gives out.
struct ServeStreamingCLITests {
    /// The process's peak resident memory in MiB (`VmHWM`), or nil off Linux.
    static func peakMiB(_ pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kB = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kB / 1024
    }

    @Test func aLargeImportKeepsTheServersMemoryBounded() throws {
        let cli = try UsersCLITests.withAgents()
        defer { cli.cleanUp() }
        let token = try cli.run(["users", "add", "boss", "--role", "supervisor"]).stdout.trimmingCharacters(in: .newlines)
        let (process, port) = try ServeCLITests.start(cli)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Warm up: the first requests load the code and the store's caches.
        let warm = try LoopbackSocket(port: port)
        warm.setReceiveTimeout(seconds: 30)
        try warm.send(Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        #expect(warm.receiveAll().hasPrefix("HTTP/1.1 200"))
        let before = try #require(Self.peakMiB(process.processIdentifier))

        // 10,000 accounts, each line carrying 8 KB of an unknown field the import ignores:
        // an 80 MiB body, generated chunk by chunk so the test does not hold it either.
        let lines = 10_000
        let filler = String(repeating: "x", count: 8192)
        func line(_ i: Int) -> String {
            #"{"kind":"account","id":"BIG-\#(i)","client":"Jamii Bank","debtor_name":"Debtor \#(i)","balance":\#(100 + i),"filler":"\#(filler)"}"# + "\n"
        }
        let length = (0..<lines).reduce(0) { $0 + line($1).utf8.count }
        let socket = try LoopbackSocket(port: port)
        socket.setReceiveTimeout(seconds: 120)
        try socket.send(Array(("POST /api/import?ignore_unknown_columns=true HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/x-ndjson\r\nContent-Length: \(length)\r\nConnection: close\r\n\r\n").utf8))
        var chunk = ""
        for i in 0..<lines {
            chunk += line(i)
            if chunk.utf8.count > 256 << 10 { try socket.send(Array(chunk.utf8)); chunk = "" }
        }
        try socket.send(Array(chunk.utf8))
        let answer = socket.receiveAll()
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(300))")
        #expect(answer.contains(#""total":{"accepted":\#(lines)"#), "\(answer.suffix(300))")
        let after = try #require(Self.peakMiB(process.processIdentifier))
        let bodyMiB = Double(length) / 1_048_576
        #expect(bodyMiB > 75)
        #expect(after - before < bodyMiB / 2, "peak memory grew by \(after - before) MiB for a \(bodyMiB) MiB body")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// 4,000 accounts with 8 KB of notes each: a 32 MiB export. A body made whole before it
    /// is sent would hold it twice (the lines and the buffer); streamed, the server holds a
    /// few 64 KiB chunks and SQLite's page cache.
    @Test func aLargeExportKeepsTheServersMemoryBounded() throws {
        let cli = try UsersCLITests.withAgents()
        defer { cli.cleanUp() }
        let accounts = 4_000
        let notes = String(repeating: "n", count: 8192)
        cli.write("big.ndjson", (0..<accounts).map {
            #"{"kind":"account","id":"BIG-\#(String(format: "%05d", $0))","client":"Jamii Bank","debtor_name":"Debtor \#($0)","balance":\#(100 + $0),"notes":"\#(notes)"}"#
        }.joined(separator: "\n") + "\n")
        let imported = try cli.run(["import", cli.folder + "/big.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let token = try cli.run(["users", "add", "boss", "--role", "supervisor"]).stdout.trimmingCharacters(in: .newlines)
        let (process, port) = try ServeCLITests.start(cli)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        func get(_ uri: String) throws -> String {
            let socket = try LoopbackSocket(port: port)
            socket.setReceiveTimeout(seconds: 120)
            try socket.send(Array("GET \(uri) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n".utf8))
            return socket.receiveAll()
        }
        // Warm up: the export's code and a first chunk of its path through the server.
        #expect(try get("/api/export?kind=agent").hasPrefix("HTTP/1.1 200"))
        let before = try #require(Self.peakMiB(process.processIdentifier))

        let answer = try get("/api/export?kind=account")
        let after = try #require(Self.peakMiB(process.processIdentifier))
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(300))")
        #expect(answer.contains(#""id":"BIG-03999""#), "the last account is in the body")
        let bodyMiB = Double(answer.utf8.count) / 1_048_576
        #expect(bodyMiB > 30)
        #expect(after - before < bodyMiB / 3, "peak memory grew by \(after - before) MiB for a \(bodyMiB) MiB export")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
