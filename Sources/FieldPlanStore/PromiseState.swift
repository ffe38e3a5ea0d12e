import FieldPlanCore

/// The state a promise is shown with. The store keeps `pending`, `kept`, `broken` and
/// `cancelled` and a `partial` mark; a promise that passed its date is only marked broken
/// when its account is next replayed (an import, a sync, a plan), so a read that comes
/// before that would call it pending. Reads therefore derive the state here.
public enum PromiseState {
    /// The states a promise can be shown with, in the order of its life.
    public static let all = ["pending", "kept", "partial", "broken", "cancelled"]

    /// - Parameters:
    ///   - stored: the stored state.
    ///   - partial: broken, but at least half was paid by the date.
    ///   - today: the agency's date now.
    public static func shown(stored: String, partial: Bool, due: String, paid: Int64, amount: Int64, today: CivilDate) -> String {
        if stored == "pending", let date = CivilDate(due), today > date {
            if paid >= amount { return "kept" }
            return paid * 2 >= amount ? "partial" : "broken"
        }
        if stored == "broken" && partial { return "partial" }
        return stored
    }
}
