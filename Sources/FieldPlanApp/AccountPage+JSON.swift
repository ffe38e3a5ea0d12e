import FieldPlanInterchange
import FieldPlanStore

extension AccountPage {
    /// `GET /api/accounts`: `{"accounts": [account lines], "next": ID | null}`; pass `next` as
    /// `after` for the following page.
    public var json: String {
        var w = JSONWriter()
        w.raw("accounts", "[" + accounts.map { RecordEncoder.account($0) }.joined(separator: ",") + "]")
        w.raw("next", next.map(JSONWriter.quoted) ?? "null")
        return w.finish()
    }
}
