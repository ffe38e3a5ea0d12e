import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan promises`: the promises to pay that fall due, for the morning briefing.
    struct Promises: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List promises to pay by due date, with the account, debtor, amount, paid so far, state, zone and agent, and the totals.",
            discussion: """
                Without --due, --from or --to: the promises due today (the agency's date), or of every date when --state is given. \
                States: pending (not yet due), kept (paid in full by the date), partial (broken, but at least half was paid), \
                broken (passed its date without that), cancelled (replaced by a later promise or a dispute, death, legal hold or do-not-return).
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: "Only promises due on this day (YYYY-MM-DD).") var due: String?
        @Option(help: "Only promises due on or after this day.") var from: String?
        @Option(help: "Only promises due on or before this day.") var to: String?
        @Option(help: "Only this state: pending, kept, partial, broken or cancelled.") var state: String?
        @Option(help: "Only accounts whose zone is given to this agent.") var agent: String?
        @Option(help: "text, csv or json (NDJSON, one promise a line).") var format: ListFormat = .text

        func validate() throws {
            if due != nil && (from != nil || to != nil) { throw ValidationError("give either --due D or --from D --to D, not both") }
            if let state, !PromiseState.all.contains(state) {
                throw ValidationError("--state: unknown state \"\(state)\" (accepted: \(PromiseState.all.joined(separator: ", ")))")
            }
            for (name, value) in [("--due", due), ("--from", from), ("--to", to)] {
                if let value, CivilDate(value) == nil { throw ValidationError("\(name): expected YYYY-MM-DD, got \"\(value)\"") }
            }
        }

        func run() throws {
            let query = PromiseQuery(due: due.flatMap { CivilDate($0) }, from: from.flatMap { CivilDate($0) }, to: to.flatMap { CivilDate($0) },
                                     state: state, agentID: agent)
            let (list, filter) = try FieldPlanApp(store: store.open()).promises(query)
            let out = try OutputFile(path: nil)
            defer { out.close() }
            switch format {
            case .json:
                for i in list.items { out.writeLine(i.json) }
            case .csv:
                out.writeLine("due_date,account_id,debtor_name,client,currency,amount,paid,state,zone_id,agent_id,taken_by,made_at,outcome_id,balance")
                for i in list.items {
                    let cells = [i.due, i.accountID, i.debtorName, i.client, i.currency, i.amount.decimalText, i.paid.decimalText, i.state,
                                 i.zoneID ?? "", i.agentID ?? "", i.takenBy ?? "", i.madeAt ?? "", i.outcomeID, i.balance.decimalText]
                    out.writeLine(cells.map(CSV.cell).joined(separator: ","))
                }
            case .text:
                guard !list.items.isEmpty else { out.writeLine("no promises \(Self.describe(filter))"); return }
                var table = TextTable(["due", "account", "debtor", "client", "amount", "paid", "state", "zone", "agent"])
                for i in list.items {
                    table.add([i.due, i.accountID, i.debtorName, i.client, i.amount.formatted, i.paid.formatted, i.state,
                               i.zoneID ?? "", i.agentID ?? ""])
                }
                out.writeLine(table.render())
                out.writeLine("")
                let states = list.countsByState.map { "\($0.count) \($0.state)" }.joined(separator: ", ")
                for t in list.totals {
                    out.writeLine("total \(t.currency): \(t.count) promises, \(t.amount.formatted) promised, \(t.paid.formatted) paid")
                }
                out.writeLine("by state: \(states)")
            }
        }

        /// `due 2026-12-01`, `due 2026-12-01 to 2026-12-07`, `broken`… for the empty-list line.
        static func describe(_ f: PromiseList.Filter) -> String {
            var parts: [String] = []
            if let state = f.state { parts.append(state) }
            switch (f.from, f.to) {
            case let (a?, b?) where a == b: parts.append("due \(a)")
            case let (a?, b?): parts.append("due \(a) to \(b)")
            case let (a?, nil): parts.append("due from \(a)")
            case let (nil, b?): parts.append("due by \(b)")
            case (nil, nil): break
            }
            if let agent = f.agentID { parts.append("for agent \(agent)") }
            return parts.joined(separator: " ")
        }
    }
}
