import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan callbacks`: the day's appointments and call-backs, for the morning briefing.
    struct Callbacks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the appointments and call-backs booked for a day, with the debtor, phone, balance, zone and agent, and whether the day's plan has them.",
            discussion: "A call-back is booked by a CALLBACK outcome's next_visit; an appointment comes from an appointment record.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The day (YYYY-MM-DD; default: today in the agency's time zone).") var date: String?
        @Option(help: "text, csv or json (NDJSON, one line each).") var format: ListFormat = .text

        func validate() throws {
            if let date, CivilDate(date) == nil { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
        }

        func run() throws {
            let (day, list) = try FieldPlanApp(store: store.open()).callbacks(date: date.flatMap { CivilDate($0) })
            let out = try OutputFile(path: nil)
            defer { out.close() }
            func plannedText(_ i: CallbackList.Item) -> String {
                if let planned = i.planned { return planned }
                if let reason = i.unplannedReason { return "not planned: \(reason)" }
                return list.planVersion == nil ? "" : "not planned"
            }
            switch format {
            case .json:
                for i in list.items { out.writeLine(i.json) }
            case .csv:
                out.writeLine("date,from,to,kind,id,account_id,debtor_name,client,phone,currency,balance,status,zone_id,agent_id,planned,unplanned_reason,notes")
                for i in list.items {
                    let cells = [i.date, i.from, i.to, i.kind, i.appointmentID, i.accountID, i.debtorName, i.client, i.phone ?? "", i.currency,
                                 i.balance.decimalText, i.status, i.zoneID ?? "", i.agentID ?? "", i.planned ?? "", i.unplannedReason ?? "", i.notes ?? ""]
                    out.writeLine(cells.map(CSV.cell).joined(separator: ","))
                }
            case .text:
                guard !list.items.isEmpty else { out.writeLine("no appointments or call-backs on \(day)"); return }
                var table = TextTable(["window", "kind", "account", "debtor", "phone", "balance", "zone", "agent", "planned"])
                for i in list.items {
                    table.add(["\(i.from)-\(i.to)", i.kind, i.accountID, i.debtorName, i.phone ?? "", i.balance.formatted,
                               i.zoneID ?? "", i.agentID ?? "", plannedText(i)])
                }
                out.writeLine(table.render())
                out.writeLine("")
                let plan = list.planVersion.map { "plan version \($0)" } ?? "the day is not planned yet"
                out.writeLine("\(day): \(list.callbackCount) call-backs, \(list.appointmentCount) appointments; \(plan)")
            }
        }
    }
}
