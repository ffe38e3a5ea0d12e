import ArgumentParser
import FieldPlanCore
import FieldPlanRendering
import FieldPlanStore
import FieldPlanZoning

extension FieldPlanCommand.Zones {
    /// `zones map`: a self-contained SVG or HTML map of the zones, no network needed.
    struct Map: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the zones: accounts coloured by zone, zone outlines, agent bases (SVG or HTML).")
        @OptionGroup var store: StoreOptions
        @Option(name: .shortAndLong, help: "Output file; .html for a page with a zone table, else SVG.")
        var output = "zones.svg"
        @Option(help: "svg or html (default: from the file name).")
        var format: MapFormat?

        enum MapFormat: String, ExpressibleByArgument { case svg, html }

        func run() throws {
            let db = try store.open()
            let view = try ZoneView(db)
            let names = Dictionary(view.agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            var labels: [String: String] = [:]
            for z in view.zones {
                labels[z.id] = ([z.id, z.name] + [z.agentID.map { names[$0] ?? $0 }]).compactMap { $0 }.joined(separator: " · ")
            }
            let bases = view.agents.filter(\.isActive).map {
                ZoneMapRenderer.Base(label: "\($0.id) \($0.name)", latitude: $0.base.lat, longitude: $0.base.lon)
            }
            let zoneOfPoint = view.points.map { $0.currentZone ?? "" }
            let renderer = ZoneMapRenderer(title: "fieldplan zones")
            let html = format == .html || (format == nil && (output.hasSuffix(".html") || output.hasSuffix(".htm")))
            let text = html
                ? renderer.html(points: view.points, zoneOfPoint: zoneOfPoint, zones: view.summaries, labels: labels, bases: bases)
                : renderer.svg(points: view.points, zoneOfPoint: zoneOfPoint, zones: view.summaries, labels: labels, bases: bases)
            let out = try OutputFile(path: output)
            out.write(text)
            out.close()
            print("\(output): \(view.zones.count) zones, \(view.points.count) accounts, \(bases.count) agent bases")
        }
    }
}
