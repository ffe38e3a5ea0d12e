import FieldPlanCore
import FieldPlanInterchange
import Testing

struct JSONParserTests {
    @Test func parsesObjectsKeepingNumbersAsText() throws {
        let v = try JSONParser.parse(#"{"a": 1.50, "b": "x\"y\u00e9\ud83d\ude00", "c": [true, false, null], "d": {"e": -0.5e3}}"#)
        guard case .object(let o) = v else { Issue.record("not an object"); return }
        #expect(o["a"] == .number("1.50"))
        #expect(o["b"] == .string("x\"yé😀"))
        #expect(o["c"] == .array([.bool(true), .bool(false), .null]))
        guard case .object(let d)? = o["d"] else { Issue.record("d"); return }
        #expect(d["e"] == .number("-0.5e3"))
    }

    @Test(arguments: [
        #"{"a":1,}"#, #"{"a" 1}"#, #"{a:1}"#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":"x"#, #"{"a":tru}"#,
        #"{"a":"\x"}"#, #"{"a":"\ud800"}"#, #"{"a":1} x"#, "", "   ", "{\"a\":\"tab\tin string\"}",
        String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func rejectsMalformed(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test func reportsTheColumn() {
        do {
            _ = try JSONParser.parse(#"{"a":1 "b":2}"#)
            Issue.record("should have thrown")
        } catch {
            #expect(error.column == 8)
        }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        _ = bytes.withUnsafeBufferPointer { buffer in
            #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(buffer) }
        }
    }

    @Test func lastDuplicateKeyWins() throws {
        guard case .object(let o) = try JSONParser.parse(#"{"a":1,"a":2}"#) else { return }
        #expect(o["a"] == .number("2"))
    }

    /// Whatever the writer writes, the parser reads back to the same strings.
    @Test(arguments: 0..<10)
    func writerAndParserAgree(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let alphabet: [Character] = ["a", "é", "\"", "\\", "\n", "\t", "\u{01}", "😀", " ", "/", "z"]
        for _ in 0..<200 {
            let s = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            var w = JSONWriter()
            w.string("k", s)
            guard case .object(let o) = try JSONParser.parse(w.finish()) else { Issue.record("not an object"); return }
            #expect(o["k"] == .string(s))
        }
    }
}
