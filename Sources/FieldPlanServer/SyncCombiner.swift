import FieldPlanStore
import Synchronization

/// Stores the syncs that queue for the write turn together (issue 13): the request whose
/// turn comes takes every sync waiting behind it, up to `groupLimit`, and the store merges
/// them in one transaction, each device in its own savepoint (`AgencyStore.syncGroup`). Under
/// forty devices syncing at once, one commit, one turn hand-over and one thread hop serve
/// many requests instead of one each.
///
/// The write queue's promise holds for every member: a sync whose own turn did not come in
/// time is answered `503` only if no other request took it into its group (it is then
/// withdrawn, never started); if one did, it is answered with its result.
final class SyncCombiner: Sendable {
    /// The most syncs stored in one transaction: about 64 × 15 outcomes.
    static let groupLimit = 64

    private struct Ticket: Sendable {
        let id: UInt64
        let member: SyncGroupMember
        let slot: Slot
    }

    private struct State {
        var waiting: [Ticket] = []
        var nextID: UInt64 = 0
        /// Groups stored and syncs in them, for tests and the log.
        var groups = 0
        var members = 0
    }

    private let state = Mutex(State())

    /// How many groups were stored and how many syncs they held.
    var counts: (groups: Int, members: Int) { state.withLock { ($0.groups, $0.members) } }

    /// Syncs waiting to be taken into a group now.
    var waitingCount: Int { state.withLock { $0.waiting.count } }

    /// Merges `member` as `syncRecords` would, alone or in a group; its summary and rejects.
    func sync(_ member: SyncGroupMember, store: BlockingStore) async throws -> (ImportSummary, [RejectedLine]) {
        let slot = Slot()
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            s.waiting.append(Ticket(id: s.nextID, member: member, slot: slot))
            return s.nextID
        }
        do {
            try await store.writes.run {
                let group = state.withLock { s -> [Ticket] in
                    guard let mine = s.waiting.firstIndex(where: { $0.id == id }) else { return [] }
                    var taken = [s.waiting.remove(at: mine)]
                    let others = min(s.waiting.count, Self.groupLimit - 1)
                    taken += s.waiting.prefix(others)
                    s.waiting.removeFirst(others)
                    s.groups += 1
                    s.members += taken.count
                    return taken
                }
                // Taken by an earlier group, which has ended: the slot holds the answer.
                guard !group.isEmpty else { return }
                let agency = store.store
                let members = group.map(\.member)
                do {
                    let answers = try await BlockingStore.pool.runIfActive { () -> [Result<(ImportSummary, [RejectedLine]), any Error>] in
                        let collectors = members.map { _ in RejectCollector() }
                        let results = try agency.syncGroup(members, maxWaits: 20) { index, rejection in collectors[index].add(rejection) }
                        return zip(results, collectors).map { result, collector in result.map { ($0, collector.lines) } }
                    }
                    for (ticket, answer) in zip(group, answers) { ticket.slot.fill(answer) }
                } catch {
                    for ticket in group { ticket.slot.fill(.failure(error)) }
                }
            }
        } catch {
            // The turn never came: withdraw the sync unless another request's group took it.
            let withdrawn = state.withLock { s -> Bool in
                guard let index = s.waiting.firstIndex(where: { $0.id == id }) else { return false }
                s.waiting.remove(at: index)
                return true
            }
            if withdrawn { throw error }
        }
        return try await slot.value()
    }

    /// One sync's answer, filled once by whichever request stored its group.
    private final class Slot: Sendable {
        private struct Content {
            var result: Result<(ImportSummary, [RejectedLine]), any Error>?
            var waiter: CheckedContinuation<(ImportSummary, [RejectedLine]), any Error>?
        }

        private let content = Mutex(Content())

        func fill(_ result: Result<(ImportSummary, [RejectedLine]), any Error>) {
            let waiter = content.withLock { c -> CheckedContinuation<(ImportSummary, [RejectedLine]), any Error>? in
                c.result = result
                defer { c.waiter = nil }
                return c.waiter
            }
            waiter?.resume(with: result)
        }

        func value() async throws -> (ImportSummary, [RejectedLine]) {
            try await withCheckedThrowingContinuation { continuation in
                let ready = content.withLock { c -> Result<(ImportSummary, [RejectedLine]), any Error>? in
                    if let result = c.result { return result }
                    c.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }
}
