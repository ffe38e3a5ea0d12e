import FieldPlanCore
import FieldPlanInterchange

extension Settings {
    /// `settings --format json` and `GET /api/settings`: one object, key → value in
    /// `Settings.keys` order, numbers as numbers.
    public var json: String {
        var w = JSONWriter()
        for key in Settings.keys {
            let value = value(of: key)!
            if Settings.numericKeys.contains(key) { w.raw(key, value) } else { w.string(key, value) }
        }
        return w.finish()
    }
}
