@testable import FieldPlanRendering
import Testing

struct TextTableTests {
    /// Numbers and amounts line up on their last digit; text stays left.
    @Test func numberColumnsAreRightAligned() {
        var table = TextTable(["id", "balance", "dpd", "name"])
        table.add(["A1", "12,500.00", "7", "Wanjiru"])
        table.add(["A22", "900.00", "", "Otieno"])
        table.add(["A3", "-1.50", "120", "Achieng"])
        #expect(table.render() == """
            id     balance  dpd  name
            A1   12,500.00    7  Wanjiru
            A22     900.00       Otieno
            A3       -1.50  120  Achieng
            """)
    }

    /// A column with one word among numbers is text, and so is an all-empty one; `n/a` (a
    /// rate without a denominator) does not decide, like an empty cell.
    @Test func mixedOrEmptyColumnsStayLeft() {
        var table = TextTable(["a", "b", "c", "d"])
        table.add(["1", "", "x", "50.0%"])
        table.add(["none", "", "y", "n/a"])
        #expect(!table.isNumeric(0) && !table.isNumeric(1) && !table.isNumeric(2) && table.isNumeric(3))
        #expect(TextTable.looksNumeric("12,500.00") && TextTable.looksNumeric("75%") && TextTable.looksNumeric("+3"))
        #expect(!TextTable.looksNumeric("2026-12-01") && !TextTable.looksNumeric("1.2.3") && !TextTable.looksNumeric("-") && !TextTable.looksNumeric("1e5"))
        #expect(!TextTable.looksNumeric("+254711000102"), "a phone number is text")
    }

    /// A table wider than 120 columns wraps its widest text column instead of running on.
    @Test func wideTablesWrapToFit() {
        var table = TextTable(["id", "address", "balance"])
        let address = Array(repeating: "Ngong Road block", count: 10).joined(separator: " ")
        table.add(["A1", address, "1.00"])
        let lines = table.render().split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines.map(\.count))")
        #expect(lines.count > 2)
        let words = lines.dropFirst().map { $0.dropFirst(4).prefix(110) }.joined(separator: " ").split(separator: " ")
        #expect(words.filter { $0 == "Ngong" }.count == 10, "wrapping must not lose text")
    }

    /// Only prose wraps: a column of ids or instants keeps its width even if the table then
    /// stays wider than 120 columns.
    @Test func wordsAreNeverSplit() {
        var table = TextTable(["at", "fact", "reason"])
        let fact = "outcome f333cc50-e26e-4713-a87e-b48163bd851b"
        table.add(["2026-12-01T17:00:00+03:00", fact, Array(repeating: "visited by AG01 the same day", count: 4).joined(separator: " ")])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("2026-12-01T17:00:00+03:00  outcome f333cc50-e26e-4713-a87e-b48163bd851b"), "\(lines)")
        #expect(lines.allSatisfy { $0.count <= 120 })
        #expect(!lines.contains { $0.hasSuffix("AG0") }, "no word cut in two")

        var tooWide = TextTable(["id", "file", "reason"])
        tooWide.add([String(repeating: "x", count: 60), String(repeating: "y", count: 60), "one two three four five six seven"])
        #expect(tooWide.render().split(separator: "\n").count == 2, "a table that cannot fit is not wrapped for nothing")
    }
}
