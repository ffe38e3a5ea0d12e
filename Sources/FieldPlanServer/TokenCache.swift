import FieldPlanStore
import Synchronization

/// The users of the tokens seen lately, so that a request does not look its token up in the
/// store when nothing has been committed since the last lookup: the cache holds only while the
/// store's change counter (`StoreChanges`, SQLite's `data_version`) stays what it was, and is
/// emptied at the first commit of anyone, in any process. A `users revoke` is a commit, so the
/// next request with the revoked token is looked up and refused, as without a cache. Only
/// tokens found valid are kept, keyed by their SHA-256 (never the token); at most `capacity`
/// of them (then the cache starts over). Costs a lock and a dictionary look-up.
final class TokenCache: Sendable {
    static let capacity = 4096

    private struct State {
        var version = -1
        var users: [[UInt8]: StoredUser] = [:]
        var hits = 0
    }

    private let state = Mutex(State())

    /// The user of `hash` if it was found valid at `version`, the store's counter now.
    func user(_ hash: [UInt8], at version: Int) -> StoredUser? {
        state.withLock { s in
            guard s.version == version, let user = s.users[hash] else { return nil }
            s.hits += 1
            return user
        }
    }

    /// Keeps `user`, found valid by a lookup that began after the counter read `version`: a
    /// commit after that read changes the counter, so the entry can never outlive it.
    func keep(_ user: StoredUser, for hash: [UInt8], at version: Int) {
        state.withLock { s in
            if s.version != version || s.users.count >= Self.capacity {
                s.version = version
                s.users = [:]
            }
            s.users[hash] = user
        }
    }

    /// Requests answered from the cache since it was made; for tests.
    var hits: Int { state.withLock { $0.hits } }
}
