import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand.Accounts {
    /// `fieldplan accounts show ID`: everything a supervisor needs about one account on one
    /// screen, from one read (`FieldPlanStore.accountDetail`). The national id is never shown.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one account: as it stands, its zone and agent, its history (outcomes, payments, promises, appointments, planned visits) and its audit trail.",
            discussion: "National ids are never shown. Times are in the agency's time zone.")

        @OptionGroup var store: StoreOptions
        @Argument(help: "The account id.") var id: String
        @Option(help: "text or json (one JSON object).") var format: Format = .text
        enum Format: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let detail = try FieldPlanApp(store: store.open()).accountDetail(id: id)
            print(format == .json ? detail.json : Self.text(detail))
        }

        static func short(_ i: Instant) -> String { String(i.text.prefix(10)) + " " + String(i.text.dropFirst(11).prefix(5)) }

        static func text(_ d: AccountDetail) -> String {
            let a = d.account
            var facts: [(String, String)] = [
                ("Account", a.id), ("Client", a.client), ("Debtor", a.debtorName),
                ("Status", a.status?.rawValue ?? "open"),
                ("Balance", d.currency + " " + a.balance.formatted),
            ]
            if let dpd = a.daysPastDue { facts.append(("Days past due", String(dpd))) }
            if let phone = a.phone { facts.append(("Phone", phone)) }
            if let email = a.email { facts.append(("Email", email)) }
            facts.append(("Address", a.address ?? "-"))
            facts.append(("Location", a.location.map { "\($0.lat), \($0.lon)" } ?? "none: the account needs tracing"))
            if let w = a.visitWindow { facts.append(("Visit window", "\(w.from)-\(w.to)")) }
            if let m = a.serviceMinutes { facts.append(("Service", "\(m) min")) }
            if let d = a.noVisitBefore { facts.append(("No visit before", d.description)) }
            if let m = a.maxVisitsPerMonth { facts.append(("Max visits/month", String(m))) }
            if let hold = d.holdUntil { facts.append(("Held until", hold)) }
            let zone = a.zoneID.map { id in d.zoneName.map { "\(id) (\($0))" } ?? id } ?? "none"
            facts.append(("Zone", zone))
            facts.append(("Agent", d.agentID.map { id in d.agentName.map { "\(id) (\($0))" } ?? id } ?? "none"))
            if let notes = a.notes { facts.append(("Notes", notes)) }
            var out = facts.map { pad($0.0 + ":", 18) + $0.1 }

            func section(_ title: String, _ header: [String], _ rows: [[String]]) {
                out.append("")
                out.append("\(title) (\(rows.count))")
                guard !rows.isEmpty else { out.append("  none"); return }
                var table = TextTable(header, maxWidth: 118)
                for r in rows { table.add(r) }
                out += table.render().split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
            }
            section("OUTCOMES", ["visited", "agent", "code", "contact", "promise", "collected", "next visit", "notes", "review"], d.outcomes.map { o in
                [short(o.visitedAt), o.agentID, o.code, o.contact ?? "",
                 o.promiseAmount.map { p in "\(p.formatted) by \(o.promiseDate ?? "?")" } ?? "",
                 o.collected.map { $0.formatted } ?? "", o.nextVisit ?? "", o.notes ?? "", o.flagged ?? ""]
            })
            section("PAYMENTS", ["paid", "amount", "reference", "channel", "id"], d.payments.map { p in
                [short(p.paidAt), p.amount.formatted, p.reference ?? "", p.channel ?? "", p.id]
            })
            section("PROMISES", ["due", "amount", "paid", "state", "made", "outcome"], d.promises.map { p in
                [p.due, p.amount.formatted, p.paid.formatted, p.state, p.madeAt.map { String($0.prefix(10)) } ?? "", p.outcomeID]
            })
            section("APPOINTMENTS", ["date", "window", "kind", "agent", "id"], d.appointments.map { ap in
                [ap.date, "\(ap.from)-\(ap.to)", ap.kind, ap.agentID ?? "", ap.id]
            })
            section("PLANNED VISITS", ["date", "version", "agent", "stop", "eta", "reason"], d.plannedVisits.map { v in
                [v.date, String(v.version), v.agentID, v.seq.map(String.init) ?? "", v.eta ?? "", v.reason ?? ""]
            })
            section("AUDIT", ["at", "field", "old", "new", "by", "fact", "from"], d.audit.map { e in
                [short(e.at), e.field, e.old ?? "-", e.new ?? "-", e.actor ?? "", e.fact ?? "", e.origin ?? ""]
            })
            return out.joined(separator: "\n")
        }

        private static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    }
}
