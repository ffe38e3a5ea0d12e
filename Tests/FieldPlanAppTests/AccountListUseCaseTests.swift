import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
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

    /// A search finds an id by its start, a name or a phone by any part, in any case and any
    /// script; SQL's wildcards and quotes match only themselves. The page and the full list
    /// agree.
    static let searches: [(String, [String])] = [
        ("a1", ["A1"]), ("A", ["A1", "A2", "A3", "A4", "A5", "A6", "AX1", "AX2", "AX3"]), ("ax", ["AX1", "AX2", "AX3"]),
        ("tHRee", ["A3"]), ("ZOË", ["AX1"]), ("zoë", ["AX1"]), ("711000102", ["A2"]), ("000 1", []),
        ("100%", ["AX2"]), ("%", ["AX2"]), ("_", ["AX3"]), ("o_b", ["AX3"]), ("'", ["AX3"]), ("\\", []), ("x' OR 1=1 --", []),
        ("  ", ["A1", "A2", "A3", "A4", "A5", "A6", "AX1", "AX2", "AX3"]), ("1", ["A1", "A2", "A3", "AX2"]),
    ]

    @Test func aSearchMatchesIdsNamesAndPhonesLiterally() throws {
        let f = try AppFixture()
        _ = try f.app.importRecords([ImportInput(path: f.folder.write("more.ndjson", """
            {"kind":"account","id":"AX1","client":"C","debtor_name":"Zoë Wanjiru","balance":100}
            {"kind":"account","id":"AX2","client":"C","debtor_name":"Paid 100% Ltd","balance":100}
            {"kind":"account","id":"AX3","client":"C","debtor_name":"O_B O'Brien","balance":100}
            """), displayName: "more.ndjson")])
        for (text, expected) in Self.searches {
            let filter = FieldPlanStore.AccountFilter(search: text)
            var listed: [String] = []
            try f.app.accounts(filter) { listed.append($0.id) }
            #expect(listed == expected, "\(text)")
            let page = try f.app.accountPage(filter, limit: 1000)
            #expect(page.accounts.map(\.id) == expected && page.accounts.allSatisfy { $0.nationalID == nil }, "\(text)")
        }
        #expect(try f.store.account(id: "A1") != nil)
    }
}
