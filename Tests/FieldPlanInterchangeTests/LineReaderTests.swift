import FieldPlanInterchange
import Foundation
import Testing

struct LineReaderTests {
    func lines(of bytes: [UInt8], maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [(Int, String?)] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lr-\(UUID().uuidString)").path
        precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try LineReader(path: path, maxLineBytes: maxLineBytes)
        defer { reader.close() }
        var out: [(Int, String?)] = []
        try reader.forEachLine { line in out.append((line.number, line.bytes.map { String(decoding: $0, as: UTF8.self) })) }
        return out
    }

    @Test func stripsBOMAndCarriageReturns() throws {
        let got = try lines(of: [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n\r\nc".utf8))
        #expect(got.map(\.0) == [1, 2, 3, 4])
        #expect(got.map(\.1) == ["a", "b", "", "c"])
    }

    @Test func longLinesAreReportedNotHeld() throws {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
        let got = try lines(of: Array("first\n".utf8) + long + Array("\nlast\n".utf8), maxLineBytes: 1000)
        #expect(got.count == 3)
        #expect(got[0].1 == "first")
        #expect(got[1].0 == 2 && got[1].1 == nil)
        #expect(got[2].1 == "last")
    }

    @Test func manyLinesAcrossBufferBoundaries() throws {
        var text = ""
        for i in 0..<100_000 { text += "line \(i)\n" }
        let got = try lines(of: Array(text.utf8))
        #expect(got.count == 100_000)
        #expect(got.last?.1 == "line 99999")
        #expect(got[54_321].1 == "line 54321")
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: LineReader.OpenError.self) { try LineReader(path: "/nonexistent/file.ndjson") }
    }

    /// Linux opens a directory for reading; the error must still name it (issue 11), not
    /// come from the first read as "input: Is a directory".
    @Test func aDirectoryIsRefusedByItsPath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lr-dir-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: LineReader.OpenError.isDirectory(path: path)) { _ = try LineReader(path: path) }
        #expect(LineReader.OpenError.isDirectory(path: path).description.hasPrefix(path + ": is a directory"))
    }
}
