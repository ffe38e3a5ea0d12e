import FieldPlanCore

/// A date in a path (`/api/packets/2026-12-01/A1`): exactly `YYYY-MM-DD`, so that no other
/// text (`..`, `%2F`) reaches the store.
enum CivilDateParameter {
    static func parse(_ text: String) -> CivilDate? {
        guard text.utf8.count == 10 else { return nil }
        return CivilDate(text)
    }
}
