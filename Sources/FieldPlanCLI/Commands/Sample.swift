import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRoads
import Foundation

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
        @Option(help: "An OSM PBF extract: put every located account and base on its streets (a door up to 25 m from a road) instead of Nairobi.")
        var roads: String?

        func run() throws {
            guard let start = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            var options = SampleAgency.Options()
            options.accounts = accounts
            options.agents = agents
            options.appointments = appointments
            options.seed = seed
            options.startDate = start
            var relocate: ((Coordinate) -> Coordinate)?
            if let roads {
                guard let data = FileManager.default.contents(atPath: roads) else { throw CommandFailure("\(roads): cannot read the file") }
                let graph: RoadGraph
                do { graph = try RoadGraph.build(pbf: [UInt8](data), file: roads, profile: .car) } catch { throw CommandFailure(error.description) }
                guard graph.edgeCount > 0 else { throw CommandFailure("\(roads): no road usable by car in the extract") }
                let points = graph.samplePoints(seed: seed)
                relocate = { at in points.next() ?? at }
            }
            try SampleWriter.write(SampleAgency(options: options), to: output, csv: csv, relocate: relocate)
            print("wrote \(accounts) accounts, \(agents) agents, \(appointments) appointments to \(output)/" + (roads.map { " on the streets of \($0)" } ?? ""))
        }
    }
}

/// Writes a sample agency as the files a real agency would hand over.
enum SampleWriter {
    /// - Parameter relocate: moves each located account and each base (in that order), for a
    ///   sample on the streets of a road extract.
    static func write(_ sample: SampleAgency, to folder: String, csv: Bool, relocate: ((Coordinate) -> Coordinate)? = nil) throws {
        try FileSystem.makeFolder(folder)
        let accounts = try OutputFile(path: folder + "/accounts.ndjson")
        let accountsCSV = csv ? try OutputFile(path: folder + "/accounts.csv") : nil
        accountsCSV?.writeLine("id,client,debtor_name,balance,currency,phone,email,national_id,address,lat,lon,days_past_due,status,visit_window_from,visit_window_to,service_minutes,notes")
        sample.forEachAccount { a in
            var a = a
            if let relocate, let at = a.location { a.location = relocate(at) }
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
        for var a in sample.agents() {
            if let relocate { a.base = relocate(a.base) }
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
