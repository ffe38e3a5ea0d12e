import FieldPlanCore
import NIOCore
import Synchronization

/// The answers of `GET /api/plans/{date}` given lately, kept while nothing has been committed
/// to the store since (issue 13): forty phones asking for their route of the day read the
/// same stored version again and again, and reading it back from its lines and writing its
/// JSON cost more than the rest of the request. Freshness is a read's, as `TokenCache`'s: an
/// answer is kept under the store's change counter (`StoreChanges`) as read *before* the store
/// was read, and the whole cache is emptied when the counter moves, so a new version, a route
/// lock or a settings change is seen by the next request. At most `capacity` answers (then it
/// starts over). Costs a lock and a dictionary look-up; the answer's bytes are shared, not copied.
final class PlanReadCache: Sendable {
    static let capacity = 1024

    /// What a request asks for; an agent's request and a supervisor's narrowed to the same
    /// agent get the same answer, as the use case gives them.
    struct Key: Hashable, Sendable {
        var date: CivilDate
        var version: Int?
        var agent: String?
    }

    private struct State {
        var version = -1
        var answers: [Key: ByteBuffer] = [:]
        var hits = 0
    }

    private let state = Mutex(State())

    /// The answer to `key` if it was read at `version`, the store's counter now.
    func answer(_ key: Key, at version: Int) -> ByteBuffer? {
        state.withLock { s in
            guard s.version == version, let answer = s.answers[key] else { return nil }
            s.hits += 1
            return answer
        }
    }

    /// Keeps `answer`, read by a store read that began after the counter read `version`: a
    /// commit after that read changes the counter, so the answer can never outlive it.
    func keep(_ answer: ByteBuffer, for key: Key, at version: Int) {
        state.withLock { s in
            if s.version != version || s.answers.count >= Self.capacity {
                s.version = version
                s.answers = [:]
            }
            s.answers[key] = answer
        }
    }

    /// Requests answered from the cache since it was made; for tests.
    var hits: Int { state.withLock { $0.hits } }
}
