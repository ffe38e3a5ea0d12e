import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanCommand {
    struct Accounts: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Browse accounts.", subcommands: [List.self, Show.self], defaultSubcommand: List.self)

        /// `fieldplan accounts list`: the unlocated list is the tracing work-list.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List accounts (national ids are never shown).")

            @OptionGroup var store: StoreOptions
            @Option(help: "Only this status (open, ptp, paid, closed, disputed, legal_hold, deceased, do_not_visit).")
            var status: String?
            @Flag(help: "Only accounts without coordinates: the tracing work-list.")
            var unlocated = false
            @Option(help: "Only this client (any case: kcb bank finds KCB Bank).")
            var client: String?
            @Option(help: "Only accounts whose id starts with this text, or whose debtor name or phone holds it (any case).")
            var search: String?
            @Option(help: "text, csv or json (NDJSON without national_id).")
            var format: ListFormat = .text

            func run() throws {
                var filter = FieldPlanStore.AccountFilter(unlocatedOnly: unlocated, client: client, search: search)
                if let status {
                    guard let s = AccountStatus(rawValue: status) else { throw ValidationError("--status: unknown status \"\(status)\"") }
                    filter.status = s
                }
                let app = FieldPlanApp(store: try store.open())
                let out = try OutputFile(path: nil)
                defer { out.close() }
                var table = TextTable(["id", "client", "debtor", "balance", "dpd", "status", "zone", "address"])
                if format == .csv { out.writeLine("id,client,debtor_name,balance,currency,days_past_due,status,zone_id,address,lat,lon") }
                try app.accounts(filter) { a in
                    switch format {
                    case .text:
                        table.add([a.id, a.client, a.debtorName, a.balance.formatted, a.daysPastDue.map(String.init) ?? "",
                                   a.status?.rawValue ?? "open", a.zoneID ?? "", a.address ?? ""])
                    case .csv:
                        let cells = [a.id, a.client, a.debtorName, a.balance.decimalText, a.currency ?? "", a.daysPastDue.map(String.init) ?? "",
                                     a.status?.rawValue ?? "open", a.zoneID ?? "", a.address ?? "",
                                     a.location.map { String($0.lat) } ?? "", a.location.map { String($0.lon) } ?? ""]
                        out.writeLine(cells.map(CSV.cell).joined(separator: ","))
                    case .json:
                        out.writeLine(RecordEncoder.account(a))
                    }
                }
                if format == .text { out.writeLine(table.render()) }
            }
        }
    }

    struct Agents: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Browse agents.", subcommands: [List.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List agents with base, shift, break and days.")
            @OptionGroup var store: StoreOptions
            @Option(help: "text or json.")
            var format: ListFormat = .text

            func run() throws {
                let agents = try store.open().agents()
                if format == .json {
                    for a in agents { print(RecordEncoder.agent(a)) }
                    return
                }
                var table = TextTable(["id", "name", "active", "shift", "break", "days", "max", "base"])
                for a in agents {
                    table.add([a.id, a.name, a.isActive ? "yes" : "no", "\(a.shift.from)-\(a.shift.to)",
                               a.breakRule.map { "\($0.minutes)m in \($0.window.from)-\($0.window.to)" } ?? "",
                               (a.days ?? Agent.defaultDays).map(\.rawValue).joined(separator: ","),
                               a.maxVisits.map(String.init) ?? "", "\(a.base.lat),\(a.base.lon)"])
                }
                print(table.render())
            }
        }
    }
}

enum ListFormat: String, ExpressibleByArgument { case text, csv, json }

/// CSV cell quoting (RFC 4180).
enum CSV {
    static func cell(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
import FieldPlanRendering
