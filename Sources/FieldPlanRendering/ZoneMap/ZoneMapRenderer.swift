import FieldPlanZoning
import Foundation

/// Draws zones as a self-contained SVG (or an HTML page around it): accounts as dots coloured
/// by zone, zone outlines (`ZoneOutlines`: the zones' shares of one partition of the plane,
/// so two outlines never overlap), zone labels at the centroids and agent bases, over the
/// streets of the imported road network when there is one (with its data credit).
///
/// Pure: it returns a string and loads nothing from the network, so the map opens offline
/// and can be attached to an e-mail. Colours follow the golden angle around the hue circle,
/// so neighbouring zone numbers get clearly different colours.
/// - Complexity: O(n + total outline size), plus computing the outlines when not given
///   (O(n log n)); output grows by about 60 bytes per account.
public struct ZoneMapRenderer: Sendable {
    /// An agent base (or any labelled place) drawn as a square.
    public struct Base: Sendable, Hashable {
        public var label: String
        public var latitude: Double
        public var longitude: Double
        public init(label: String, latitude: Double, longitude: Double) {
            self.label = label
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public var width: Double
    public var title: String

    public init(width: Double = 1000, title: String = "Zones") {
        self.width = width
        self.title = title
    }

    /// - Parameters:
    ///   - points: the accounts, with `zoneOfPoint` parallel to them.
    ///   - zones: zone outlines and centroids, in legend order; colours follow this order.
    ///   - labels: zone id → text shown on the map (e.g. "Z3 · Westlands · A. Otieno").
    ///   - outlines: zone id → outline rings (`ZoneOutlines.outlines`); computed from the
    ///     points when nil.
    ///   - streets: polylines drawn faintly under everything (the road network's pieces);
    ///     they do not widen the map, which stays framed on the accounts.
    ///   - credit: the streets' data credit, printed in the bottom corner.
    public func svg(points: [ZonePoint], zoneOfPoint: [String], zones: [ZoneSummary],
                    labels: [String: String] = [:], bases: [Base] = [],
                    outlines: [String: [[ZoneSummary.Coordinate]]]? = nil,
                    streets: [[ZoneSummary.Coordinate]] = [], credit: String? = nil) -> String {
        let outlines = outlines ?? ZoneOutlines.outlines(points: points, zoneOfPoint: zoneOfPoint)
        var lats = points.map(\.latitude) + bases.map(\.latitude)
        var lons = points.map(\.longitude) + bases.map(\.longitude)
        for z in zones {
            for ring in outlines[z.id] ?? [] { for c in ring { lats.append(c.latitude); lons.append(c.longitude) } }
        }
        if lats.isEmpty { lats = [0]; lons = [0] }
        let minLat = lats.min()!, maxLat = lats.max()!, minLon = lons.min()!, maxLon = lons.max()!
        let cosLat = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * cosLat, 1e-6), spanY = max(maxLat - minLat, 1e-6)
        let margin = 24.0, header = 32.0
        let inner = width - 2 * margin
        let scale = inner / max(spanX, spanY * 1.0)
        let height = (spanY * scale).rounded(.up) + 2 * margin + header
        func x(_ lon: Double) -> String { f(margin + (lon - minLon) * cosLat * scale + (inner - spanX * scale) / 2) }
        func y(_ lat: Double) -> String { f(header + margin + (maxLat - lat) * scale) }
        var colour: [String: String] = [:]
        for (t, z) in zones.enumerated() { colour[z.id] = Palette.zone(t) }
        let radius = points.count > 20_000 ? 1.2 : (points.count > 2_000 ? 2.0 : 3.0)

        var out = ""
        out.reserveCapacity(points.count * 64 + 4096)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
        out += "viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        out += "<title>\(HTML.escape(title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(f(margin))\" y=\"22\" font-size=\"16\" font-weight=\"bold\">\(HTML.escape(title))</text>\n"
        out += "<text x=\"\(f(width - margin))\" y=\"22\" font-size=\"12\" text-anchor=\"end\" fill=\"#555\">"
        out += "\(points.count) accounts · \(zones.count) zones · \(bases.count) bases</text>\n"
        if !streets.isEmpty {
            var d = ""
            for line in streets where line.count > 1 {
                d += "M" + line.map { "\(x($0.longitude)),\(y($0.latitude))" }.joined(separator: " L") + " "
            }
            out += "<g id=\"streets\" fill=\"none\" stroke=\"#c8c8c8\" stroke-width=\"1\" stroke-linecap=\"round\">"
            out += "<path d=\"\(d.trimmingCharacters(in: .whitespaces))\"/></g>\n"
        }
        if let credit {
            out += "<text x=\"\(f(width - 6))\" y=\"\(f(height - 6))\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">"
            out += "\(HTML.escape(credit))</text>\n"
        }
        out += "<g id=\"outlines\" stroke-width=\"1.5\" fill-opacity=\"0.12\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">\n"
        for z in zones {
            guard let rings = outlines[z.id], !rings.isEmpty else { continue }
            let c = colour[z.id]!
            let path = rings.map { ring in
                "M" + ring.map { "\(x($0.longitude)),\(y($0.latitude))" }.joined(separator: " L") + " Z"
            }.joined(separator: " ")
            out += "<path data-zone=\"\(HTML.escape(z.id))\" d=\"\(path)\" fill=\"\(c)\" stroke=\"\(c)\"/>\n"
        }
        out += "</g>\n<g id=\"accounts\" stroke=\"none\">\n"
        for (i, p) in points.enumerated() {
            let c = colour[zoneOfPoint[i]] ?? "#999999"
            out += "<circle cx=\"\(x(p.longitude))\" cy=\"\(y(p.latitude))\" r=\"\(f(radius))\" fill=\"\(c)\"/>\n"
        }
        out += "</g>\n<g id=\"bases\">\n"
        for b in bases {
            let bx = x(b.longitude), by = y(b.latitude)
            out += "<rect x=\"\(bx)\" y=\"\(by)\" width=\"10\" height=\"10\" transform=\"translate(-5,-5)\" "
            out += "fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"2\"><title>\(HTML.escape(b.label))</title></rect>\n"
            out += "<text x=\"\(bx)\" y=\"\(by)\" dx=\"8\" dy=\"4\" font-size=\"10\" paint-order=\"stroke\" stroke=\"#ffffff\" "
            out += "stroke-width=\"3\">\(HTML.escape(b.label))</text>\n"
        }
        out += "</g>\n<g id=\"labels\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\" paint-order=\"stroke\" "
        out += "stroke=\"#ffffff\" stroke-width=\"3\">\n"
        for z in zones {
            guard let c = z.centroid else { continue }
            let text = labels[z.id] ?? z.id
            out += "<text x=\"\(x(c.longitude))\" y=\"\(y(c.latitude))\" fill=\"#111111\">\(HTML.escape(text))</text>\n"
        }
        out += "</g>\n</svg>\n"
        return out
    }

    /// A standalone page: the map and a table of zones (accounts, workload, spread).
    public func html(points: [ZonePoint], zoneOfPoint: [String], zones: [ZoneSummary],
                     labels: [String: String] = [:], bases: [Base] = [],
                     outlines: [String: [[ZoneSummary.Coordinate]]]? = nil,
                     streets: [[ZoneSummary.Coordinate]] = [], credit: String? = nil) -> String {
        var rows = ""
        for (t, z) in zones.enumerated() {
            rows += "<tr><td><span class=\"sw\" style=\"background:\(Palette.zone(t))\"></span>\(HTML.escape(labels[z.id] ?? z.id))</td>"
            rows += "<td>\(z.accounts)</td><td>\(String(format: "%.1f", z.workloadHours))</td>"
            rows += "<td>\(String(format: "%.0f", z.spreadMeters))</td><td>\(z.locked ? "locked" : "")</td></tr>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title>
        <style>body{font-family:Helvetica,Arial,sans-serif;margin:16px}table{border-collapse:collapse;margin-top:12px}
        td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}
        .sw{display:inline-block;width:10px;height:10px;margin-right:6px;border:1px solid #555}</style></head>
        <body>
        \(svg(points: points, zoneOfPoint: zoneOfPoint, zones: zones, labels: labels, bases: bases, outlines: outlines,
              streets: streets, credit: credit))
        <table><tr><th>zone</th><th>accounts</th><th>workload h</th><th>spread m</th><th></th></tr>
        \(rows)</table>
        </body></html>

        """
    }

    private func f(_ v: Double) -> String { DecimalText.fixed(v, 1) }
}
