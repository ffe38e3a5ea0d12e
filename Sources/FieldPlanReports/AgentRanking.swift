/// The monthly ranking of agents (SPEC §7): by money collected, and by kept rate among agents
/// with at least `minimumPromisesDue` promises due (fewer make the rate noise).
public struct AgentRanking: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var rank: Int
        public var agentID: String
        public var name: String?
        public var collectedMinor: Int64
        public var keptRate: Double?
        public var promisesDue: Int
    }

    public static let minimumPromisesDue = 5

    public var byCollected: [Entry]
    public var byKeptRate: [Entry]

    /// Ranks agent rows (not `unattributed`). Ties share a rank ("1, 1, 3"), then go by id.
    public init(rows: [ReportRow]) {
        let agents = rows.filter { $0.id != ReportRow.unattributedID }
        func entries(_ sorted: [ReportRow], key: (ReportFigures) -> Double) -> [Entry] {
            var result: [Entry] = []
            for (i, row) in sorted.enumerated() {
                let rank = i > 0 && key(sorted[i - 1].figures) == key(row.figures) ? result[i - 1].rank : i + 1
                result.append(Entry(rank: rank, agentID: row.id, name: row.name, collectedMinor: row.figures.collectedMinor,
                                    keptRate: row.figures.keptRate, promisesDue: row.figures.promisesDue))
            }
            return result
        }
        let collected = agents.sorted { ($0.figures.collectedMinor, $1.id) > ($1.figures.collectedMinor, $0.id) }
        byCollected = entries(collected) { Double($0.collectedMinor) }
        let rated = agents.filter { $0.figures.promisesDue >= Self.minimumPromisesDue && $0.figures.keptRate != nil }
            .sorted { ($0.figures.keptRate!, $1.id) > ($1.figures.keptRate!, $0.id) }
        byKeptRate = entries(rated) { $0.keptRate! }
    }
}
