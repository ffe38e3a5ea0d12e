import FieldPlanCore
import FieldPlanStore

extension FieldPlanApp {
    /// Checks one setting without a store, so a refused value is reported before a store is
    /// opened or created. Returns the value as it would be kept.
    /// - Throws: `AppError.invalid` naming what the key accepts.
    @discardableResult
    public static func checkSetting(_ key: String, to value: String) throws -> String {
        do { return try FieldPlanStore.checkSetting(key, to: value) }
        catch { throw AppError.invalid("settings: \(error)") }
    }

    /// `settings set KEY VALUE` / `PUT /api/settings/{key}`: the value as kept.
    /// - Throws: `AppError.invalid` naming what the key accepts.
    @discardableResult
    public func setSetting(_ key: String, to value: String) throws -> String {
        do { return try store.setSetting(key, to: value) }
        catch let error as SettingsError { throw AppError.invalid("settings: \(error)") }
    }
}
