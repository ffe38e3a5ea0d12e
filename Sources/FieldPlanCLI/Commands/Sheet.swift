import ArgumentParser
import FieldPlanCore
import FieldPlanRendering
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan sheet --date D --agent A --format html|text|csv [-o FILE]` and `--all -o DIR`.
    struct Sheet: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print route sheets: a printable A4 page with a map (html), a terminal listing (text) or a spreadsheet (csv).",
            discussion: "National ids are never printed; phone numbers only for appointments and call-backs, masked elsewhere.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The planned day (YYYY-MM-DD).") var date: String
        @Option(help: "The agent.") var agent: String?
        @Flag(help: "Every agent with a route that day, one file each into the -o folder.") var all = false
        @Option(help: "html, text or csv.") var format: SheetFormat = .html
        @Option(name: .shortAndLong, help: "Output file (default: standard output), or the folder with --all.") var output: String?

        enum SheetFormat: String, ExpressibleByArgument {
            case html, text, csv
            var fileExtension: String { self == .text ? "txt" : rawValue }
        }

        func validate() throws {
            if all == (agent != nil) { throw ValidationError("give either --agent A or --all") }
            if all && output == nil { throw ValidationError("--all needs -o DIR") }
        }

        func run() throws {
            guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
            let db = try store.open()
            let builder = SheetBuilder(store: db)
            if let agent {
                let out = try OutputFile(path: output)
                out.write(render(try builder.sheet(date: day, agentID: agent)))
                out.close()
                return
            }
            guard let plan = try db.planLines(date: day, kinds: ["route"]) else {
                throw CommandFailure("no plan for \(day); run fieldplan plan --date \(day)")
            }
            let folder = output!
            try FileSystem.makeFolder(folder)
            var written = 0
            for agentID in try db.agents().map(\.id) where plan.lines.contains(where: { $0.contains("\"agent_id\":\"\(agentID)\"") }) {
                let path = "\(folder)/\(day)-\(agentID).\(format.fileExtension)"
                let out = try OutputFile(path: path)
                out.write(render(try builder.sheet(date: day, agentID: agentID)))
                out.close()
                written += 1
            }
            print("wrote \(written) sheets to \(folder)/")
        }

        func render(_ sheet: RouteSheet) -> String {
            switch format {
            case .html: RouteSheetRenderer.html(sheet)
            case .text: RouteSheetRenderer.text(sheet)
            case .csv: RouteSheetRenderer.csv(sheet)
            }
        }
    }
}
