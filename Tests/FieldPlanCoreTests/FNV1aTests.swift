import FieldPlanCore
import Testing

struct FNV1aTests {
    /// The published FNV-1a 64-bit test vectors: ids and seeds must hash the same forever.
    @Test func matchesTheReferenceVectors() {
        var empty = FNV1a()
        empty.combine("")
        #expect(empty.value == 0xcbf2_9ce4_8422_2325)
        var a = FNV1a()
        a.combine("a")
        #expect(a.value == 0xaf63_dc4c_8601_ec8c)
        var foobar = FNV1a()
        foobar.combine("foobar")
        #expect(foobar.value == 0x8594_4171_f739_67e8)
    }

    @Test func bytesAndStringsAgree() {
        var byBytes = FNV1a(seed: 42)
        for b in "Kibera|AG01".utf8 { byBytes.combine(b) }
        var byString = FNV1a(seed: 42)
        byString.combine("Kibera|AG01")
        #expect(byBytes.value == byString.value)
    }
}
