import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanRendering

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
            let app = FieldPlanApp(store: try store.open())
            if let agent {
                let sheet = try app.routeSheet(date: day, agent: agent)
                let out = try OutputFile(path: output)
                out.write(render(sheet))
                out.close()
                return
            }
            let sheets = try app.routeSheets(date: day)
            let folder = output!
            try FileSystem.makeFolder(folder)
            for sheet in sheets {
                let out = try OutputFile(path: "\(folder)/\(day)-\(sheet.agentID).\(format.fileExtension)")
                out.write(render(sheet))
                out.close()
            }
            print("wrote \(sheets.count) sheets to \(folder)/")
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
