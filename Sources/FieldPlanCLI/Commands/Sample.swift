import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange

extension FieldPlanCommand {
    /// `fieldplan sample`: the seeded generator behind `data/`, for tests and benchmarks.
    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a synthetic Nairobi agency (accounts, agents, appointments) of any size, seeded.")

        @Option(name: .shortAndLong, help: "Folder to write accounts.ndjson, agents.csv and appointments.ndjson into.")
        var output = "sample"
        @Option(help: "Number of accounts.") var accounts = 3000
        @Option(help: "Number of agents.") var agents = 10
        @Option(help: "Number of appointments.") var appointments = 60
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "First planning day (YYYY-MM-DD); appointments fall on it and the days after.")
        var date = "2026-12-01"
        @Flag(help: "Also write accounts.csv with the same rows (for spreadsheet users and the import benchmark).")
        var csv = false

        func run() throws {
            guard let start = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            var options = SampleAgency.Options()
            options.accounts = accounts
            options.agents = agents
            options.appointments = appointments
            options.seed = seed
            options.startDate = start
            try SampleWriter.write(SampleAgency(options: options), to: output, csv: csv)
            print("wrote \(accounts) accounts, \(agents) agents, \(appointments) appointments to \(output)/")
        }
    }
}

/// Writes a sample agency as the files a real agency would hand over.
enum SampleWriter {
    static func write(_ sample: SampleAgency, to folder: String, csv: Bool) throws {
        try FileSystem.makeFolder(folder)
        let accounts = try OutputFile(path: folder + "/accounts.ndjson")
        let accountsCSV = csv ? try OutputFile(path: folder + "/accounts.csv") : nil
        accountsCSV?.writeLine("id,client,debtor_name,balance,currency,phone,email,national_id,address,lat,lon,days_past_due,status,visit_window_from,visit_window_to,service_minutes,notes")
        sample.forEachAccount { a in
            accounts.writeLine(RecordEncoder.account(a))
            if let out = accountsCSV {
                let cells: [String] = [a.id, a.client, a.debtorName, a.balance.decimalText, a.currency ?? "", a.phone ?? "", a.email ?? "",
                                       a.nationalID ?? "", a.address ?? "", a.location.map { JSONWriter.number($0.lat) } ?? "",
                                       a.location.map { JSONWriter.number($0.lon) } ?? "", a.daysPastDue.map(String.init) ?? "",
                                       a.status?.rawValue ?? "", a.visitWindow?.from.description ?? "", a.visitWindow?.to.description ?? "",
                                       a.serviceMinutes.map(String.init) ?? "", a.notes ?? ""]
                out.writeLine(cells.map(CSV.cell).joined(separator: ","))
            }
        }
        accounts.close()
        accountsCSV?.close()

        let agents = try OutputFile(path: folder + "/agents.csv")
        agents.writeLine("id,name,base_lat,base_lon,shift_start,shift_end,phone,days,break_from,break_to,break_minutes,max_visits,active")
        for a in sample.agents() {
            let cells: [String] = [a.id, a.name, JSONWriter.number(a.base.lat), JSONWriter.number(a.base.lon), a.shift.from.description,
                                   a.shift.to.description, a.phone ?? "", a.days?.map(\.rawValue).joined(separator: " ") ?? "",
                                   a.breakRule?.window.from.description ?? "", a.breakRule?.window.to.description ?? "",
                                   a.breakRule.map { String($0.minutes) } ?? "", a.maxVisits.map(String.init) ?? "", "true"]
            agents.writeLine(cells.map(CSV.cell).joined(separator: ","))
        }
        agents.close()

        let appointments = try OutputFile(path: folder + "/appointments.ndjson")
        for a in sample.appointments() { appointments.writeLine(RecordEncoder.appointment(a)) }
        appointments.close()
    }
}
