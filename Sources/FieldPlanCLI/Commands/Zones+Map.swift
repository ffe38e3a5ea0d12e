import ArgumentParser
import FieldPlanApp
import FieldPlanRendering

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
            let map = try FieldPlanApp(store: store.open()).zoneMap()
            let renderer = ZoneMapRenderer(title: "fieldplan zones")
            let html = format == .html || (format == nil && (output.hasSuffix(".html") || output.hasSuffix(".htm")))
            let text = html
                ? renderer.html(points: map.points, zoneOfPoint: map.zoneOfPoint, zones: map.zones, labels: map.labels, bases: map.bases,
                               outlines: map.outlines, streets: map.streets, credit: map.credit)
                : renderer.svg(points: map.points, zoneOfPoint: map.zoneOfPoint, zones: map.zones, labels: map.labels, bases: map.bases,
                               outlines: map.outlines, streets: map.streets, credit: map.credit)
            let out = try OutputFile(path: output)
            out.write(text)
            out.close()
            let streets = map.streets.isEmpty ? "" : ", over \(map.streets.count) streets of the road network"
            print("\(output): \(map.zones.count) zones, \(map.points.count) accounts, \(map.bases.count) agent bases\(streets)")
        }
    }
}
