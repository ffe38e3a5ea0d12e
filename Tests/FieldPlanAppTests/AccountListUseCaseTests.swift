import FieldPlanApp
import FieldPlanCore
import FieldPlanStore
import Testing

/// `FieldPlanApp+Accounts`: a list never carries a national id.
struct AccountListUseCaseTests {
    @Test func aListLeavesTheNationalIDOut() throws {
        let f = try AppFixture()
        var listed: [Account] = []
        try f.app.accounts(FieldPlanStore.AccountFilter()) { listed.append($0) }
        #expect(listed.map(\.id) == ["A1", "A2", "A3", "A4", "A5", "A6"])
        #expect(listed.allSatisfy { $0.nationalID == nil })
        #expect(try f.store.account(id: "A1")?.nationalID == "NID-SECRET-1", "the store keeps it")
    }
}
