import FieldPlanStore
import Synchronization

/// Stores the syncs that arrive while the store is busy together (issue 13): one drainer
/// takes the write turn, takes every sync waiting at that moment (up to `groupLimit`) and
/// the store merges them in one transaction, each device in its own savepoint
/// (`AgencyStore.syncGroup`); it goes on while syncs keep coming, taking the turn again
/// each time, so imports and other writes keep their place in the queue. Under forty
/// devices syncing at once, one commit and one turn serve many requests instead of one each,
/// and every request is answered as soon as its group is stored.
///
/// The write queue's promise holds for every sync: when the drainer's turn does not come in
/// time, the syncs waiting then are withdrawn, never started, and answered `503`.
final class SyncCombiner: Sendable {
    /// The most syncs stored in one transaction: about 64 × 15 outcomes.
    /// (bench-serve (c), quiet machine, median of 3 × 8 s: groups of at most 4, 8, 16 and 64
    /// gave 495, 477, 497 and 582 posts/s.)
    static let groupLimit = 64

    private struct Ticket: Sendable {
        let member: SyncGroupMember
        let slot: Slot
    }

    private struct State {
        var waiting: [Ticket] = []
        var draining = false
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
        let startsDrainer = state.withLock { s -> Bool in
            s.waiting.append(Ticket(member: member, slot: slot))
            guard !s.draining else { return false }
            s.draining = true
            return true
        }
        if startsDrainer {
            Task { await self.drain(store) }
        }
        return try await slot.value()
    }

    /// Stores groups while syncs wait; ends when none is left.
    private func drain(_ store: BlockingStore) async {
        while true {
            do {
                try await store.writes.acquire()
            } catch {
                // The turn did not come in time: nothing waiting was started.
                let refused = state.withLock { s -> [Ticket] in
                    defer { s.waiting.removeAll(); s.draining = false }
                    return s.waiting
                }
                for ticket in refused { ticket.slot.fill(.failure(error)) }
                return
            }
            let group = state.withLock { s -> [Ticket] in
                let taken = Array(s.waiting.prefix(Self.groupLimit))
                s.waiting.removeFirst(taken.count)
                if taken.isEmpty { s.draining = false }
                s.groups += taken.isEmpty ? 0 : 1
                s.members += taken.count
                return taken
            }
            guard !group.isEmpty else {
                store.writes.release()
                return
            }
            let agency = store.store
            let members = group.map(\.member)
            do {
                let answers = try await BlockingStore.pool.runIfActive { () -> [Result<(ImportSummary, [RejectedLine]), any Error>] in
                    let collectors = members.map { _ in RejectCollector() }
                    let results = try agency.syncGroup(members, maxWaits: 20) { index, rejection in collectors[index].add(rejection) }
                    return zip(results, collectors).map { result, collector in result.map { ($0, collector.lines) } }
                }
                store.writes.release()
                for (ticket, answer) in zip(group, answers) { ticket.slot.fill(answer) }
            } catch {
                store.writes.release()
                for ticket in group { ticket.slot.fill(.failure(error)) }
            }
        }
    }

    /// One sync's answer, filled once by the drainer that stored its group.
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
