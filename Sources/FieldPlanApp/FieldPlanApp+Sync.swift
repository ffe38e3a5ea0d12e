import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanApp {
    /// `sync export` / `GET /api/packets/{date}/{agent}`: the agent's day packet (SPEC §6):
    /// a `packet` header, the agent's route and visits of the day's latest plan, one `debtor`
    /// line per visited account (phone masked as on the sheet, never the national id).
    /// - Throws: `AppError.notFound` when the day has no plan or the agent no route on it.
    public func packet(date: CivilDate, agent: String) throws -> [String] {
        try AppError.mapping { try store.syncPacket(date: date, agent: agent) }
    }

    /// `sync simulate`: seeded, plausible outcomes for every visit of the day's latest plan,
    /// per agent; with `anomalies`, also what a late second device sends: three lines again
    /// (duplicates), one of them edited (a conflict) and a second agent's visit to an account
    /// the first agent saw that day (flagged for review).
    /// - Throws: `AppError.notFound` when the day has no plan.
    public func simulateFieldDay(date: CivilDate, seed: UInt64, anomalies: Bool = false, until: LocalTime? = nil) throws -> SimulatedFieldDay {
        let days = try AppError.mapping { try store.simulateFieldDay(date: date, seed: seed, until: until.map { $0.minutes * 60 }) }
        return SimulatedFieldDay(agents: days, lateDevice: anomalies ? Self.lateDevice(days) : nil)
    }

    static func lateDevice(_ days: [(agent: String, lines: [String])]) -> [String] {
        let decoder = RecordDecoder()
        func outcome(_ line: String) -> Outcome? {
            guard case .object(let o)? = try? JSONParser.parse(line), case .outcome(let r)? = try? decoder.decode(o) else { return nil }
            return r
        }
        let withVisits = days.filter { !$0.lines.isEmpty }
        guard let first = withVisits.first else { return [] }
        var lines = Array(first.lines.prefix(3))
        if let edited = first.lines.compactMap(outcome).first(where: { $0.code == .notHome || $0.code == .refused }) {
            var changed = edited
            changed.code = edited.code == .notHome ? .refused : .notHome
            lines.append(RecordEncoder.outcome(changed))
        }
        if let seen = first.lines.compactMap(outcome).last, let other = withVisits.dropFirst().first?.agent {
            var visit = Outcome(id: String(seen.id.prefix(24)) + "bbbbbbbbbbbb", accountID: seen.accountID, agentID: other,
                                visitedAt: Instant(date: seen.visitedAt.localDate, secondsOfDay: 18 * 3600, offsetSeconds: seen.visitedAt.offsetSeconds),
                                code: .notHome)
            visit.contact = ContactType.none
            lines.append(RecordEncoder.outcome(visit))
        }
        return lines
    }
}
