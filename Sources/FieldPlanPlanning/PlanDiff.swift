/// What changed between two versions of a day's plan, stop by stop (`plan diff`): accounts
/// added, dropped, moved to another agent, and reordered on the same agent's route (not on
/// the longest run of that route's accounts that kept their relative order).
public struct PlanDiff: Sendable, Hashable {
    public struct Stop: Sendable, Hashable {
        public var accountID: String
        public var agentID: String
        /// The visit's place on the route, from 1.
        public var position: Int
    }

    public struct Move: Sendable, Hashable {
        public var accountID: String
        public var from: Stop
        public var to: Stop
    }

    public var added: [Stop]
    public var dropped: [Stop]
    public var moved: [Move]
    public var reordered: [Move]

    public var isEmpty: Bool { added.isEmpty && dropped.isEmpty && moved.isEmpty && reordered.isEmpty }

    /// - Complexity: O(stops + Σ n² per route) for the common-order comparison.
    public init(from old: DayPlan, to new: DayPlan) {
        func stops(_ p: DayPlan) -> [String: Stop] {
            var out: [String: Stop] = [:]
            for r in p.routes {
                for (i, id) in r.stops.compactMap(\.accountID).enumerated() { out[id] = Stop(accountID: id, agentID: r.agentID, position: i + 1) }
            }
            return out
        }
        let before = stops(old), after = stops(new)
        added = after.values.filter { before[$0.accountID] == nil }.sorted { $0.accountID < $1.accountID }
        dropped = before.values.filter { after[$0.accountID] == nil }.sorted { $0.accountID < $1.accountID }
        moved = after.values.compactMap { s in
            before[s.accountID].flatMap { $0.agentID != s.agentID ? Move(accountID: s.accountID, from: $0, to: s) : nil }
        }.sorted { $0.accountID < $1.accountID }
        var reordered: [Move] = []
        for r in new.routes {
            let newOrder = r.stops.compactMap(\.accountID).filter { before[$0]?.agentID == r.agentID }
            let oldOrder = newOrder.sorted { before[$0]!.position < before[$1]!.position }
            let stay = Self.longestCommonSubsequence(oldOrder, newOrder)
            for id in newOrder where !stay.contains(id) { reordered.append(Move(accountID: id, from: before[id]!, to: after[id]!)) }
        }
        self.reordered = reordered.sorted { $0.accountID < $1.accountID }
    }

    static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Set<String> {
        let n = a.count, m = b.count
        guard n > 0, m > 0 else { return [] }
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out = Set<String>()
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] { out.insert(a[i]); i += 1; j += 1 } else if table[i + 1][j] >= table[i][j + 1] { i += 1 } else { j += 1 }
        }
        return out
    }
}
