import FieldPlanCore
@testable import FieldPlanInterchange
import Testing

struct CSVColumnsTests {
    /// Issue 11: `phone_no` was taken silently and the stored phones kept or lost; now it is
    /// unknown, and the column it meant is named.
    @Test(arguments: [
        ("phone_no", "phone"), ("adress", "address"), ("debtor-name", "debtor_name"), ("mobile_phone", "phone"),
        ("colour", nil), ("notes", nil),
    ] as [(String, String?)])
    func unknownColumnsGetTheClosestKnownOne(column: String, suggestion: String?) {
        let problems = CSVColumns.check(["id", "client", "debtor_name", "balance", column], kind: .account)
        if column == "notes" {
            #expect(problems.unknown.isEmpty && problems.missing.isEmpty)
        } else {
            #expect(problems.unknown.map(\.column) == [column])
            #expect(problems.unknown.first?.suggestion == suggestion)
        }
    }

    @Test func missingRequiredColumnsAreNamedInFieldOrder() {
        let problems = CSVColumns.check(["balance", "id", "phone"], kind: .account)
        #expect(problems.missing == ["client", "debtor_name"])
        #expect(problems.unknown.isEmpty)
        #expect(CSVColumns.check(["id", "name", "base_lat", "base_lon", "shift_start"], kind: .agent).missing == ["shift_end"])
    }

    /// With a `kind` column any kind's columns are known, and only `id` is required.
    @Test func aKindColumnAllowsEveryKindsColumns() {
        let problems = CSVColumns.check(["kind", "id", "client", "name", "amount", "shift_start", "phone_number"], kind: nil)
        #expect(problems.unknown.map(\.column) == ["phone_number"])
        #expect(problems.missing.isEmpty)
        #expect(CSVColumns.check(["kind", "client"], kind: nil).missing == ["id"])
    }

    @Test func unknownTextIsOneClause() {
        let problems = CSVColumns.check(["id", "client", "debtor_name", "balance", "phone_no", "colour", ""], kind: .account)
        #expect(problems.unknownText == #""phone_no" (did you mean "phone"?), "colour", (a column with no name)"#)
    }

    @Test func editDistanceIsLevenshtein() {
        #expect(CSVColumns.editDistance("kitten", "sitting") == 3)
        #expect(CSVColumns.editDistance("", "abc") == 3)
        #expect(CSVColumns.editDistance("phone", "phone") == 0)
    }
}
