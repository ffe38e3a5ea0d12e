import FieldPlanCore
import Synchronization

/// The store's settings as last read, kept while nothing has been committed to the store
/// since (issue 13): every request of the service needs the agency's time zone, and a read
/// transaction for it cost as much as the request's own read. Freshness is a read's: the
/// change counter (`StoreChanges`) is looked at before the settings are read, so a commit in
/// between only makes the next call read them again.
final class SettingsCache: Sendable {
    private let changes: StoreChanges
    private let kept = Mutex<(version: Int, settings: Settings)?>(nil)

    init(changes: StoreChanges) {
        self.changes = changes
    }

    /// The settings: `read()` when something was committed since they were kept.
    func settings(read: () throws -> Settings) throws -> Settings {
        let version = try changes.version()
        if let kept = kept.withLock({ $0 }), kept.version == version { return kept.settings }
        let settings = try read()
        kept.withLock { $0 = (version, settings) }
        return settings
    }
}
