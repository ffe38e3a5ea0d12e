@testable import FieldPlanServer
import FieldPlanInterchange
import Foundation
import Testing

/// The line screen of an agent's sync body: lines split across chunks, kept or blanked in
/// place so the numbers of the others stay those of the body.
struct LineScreenTests {
    static let refuseB: BodySpool.Screen = { bytes in bytes.first == UInt8(ascii: "b") ? FieldError("kind", "no b") : nil }

    func run(_ chunks: [String], maxLine: Int = 100) -> (String, [RejectedLine]) {
        var screen = LineScreen(screen: Self.refuseB, maxLineBytes: maxLine)
        var out = Data()
        for c in chunks { out.append(screen.feed(Array(c.utf8))) }
        out.append(screen.finish())
        return (String(decoding: out, as: UTF8.self), screen.refused)
    }

    @Test(arguments: [["a1\nb2\na3\n"], ["a", "1\nb", "2\na3", "\n"], ["a1\nb2\na3"]])
    func refusedLinesBecomeEmptyInPlace(chunks: [String]) {
        let (out, refused) = run(chunks)
        #expect(out.hasPrefix("a1\n\na3"))
        #expect(refused == [RejectedLine(line: 2, field: "kind", reason: "no b")])
    }

    @Test func anOverlongLineIsRefusedWithoutBeingKept() {
        let (out, refused) = run(["a1\n", "a" + String(repeating: "x", count: 500), "\na3\n"], maxLine: 100)
        #expect(out == "a1\n\na3\n")
        #expect(refused.map(\.line) == [2])
        #expect(refused.first?.reason == "line longer than 100 bytes")
    }

    @Test func crlfLinesKeepTheirReturn() {
        let (out, refused) = run(["a1\r\nb2\r\n"])
        #expect(out == "a1\r\n\n")
        #expect(refused.map(\.line) == [2])
    }

    /// The agent screen itself: own outcomes pass, anything else is refused by field.
    @Test func theAgentScreen() {
        let screen = SyncController.agentScreen("G1")
        func verdict(_ line: String) -> String? { screen(Array(line.utf8))?.field }
        #expect(verdict(#"{"kind":"outcome","agent_id":"G1"}"#) == nil)
        #expect(verdict(#"{"kind":"outcome","agent_id":"G2"}"#) == "agent_id")
        #expect(verdict(#"{"kind":"outcome"}"#) == "agent_id")
        #expect(verdict(#"{"kind":"payment","agent_id":"G1"}"#) == "kind")
        #expect(verdict(#"{"kind":"outcome""#) == nil, "left for the import to reject with its own message")
        #expect(verdict("   ") == nil)
    }
}
