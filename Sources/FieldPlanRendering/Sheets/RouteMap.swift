import FieldPlanCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The inline SVG map on a printed route sheet: the base as a house, the route as a line from
/// the base through the stops in visiting order and back, numbered circles for the visits, a
/// scale bar and a north arrow.
///
/// Equirectangular around the route's mean latitude: over a city-sized day route (tens of km)
/// the error is far below what a printed map shows, and it needs no projection library. Drawn
/// in black and one accent colour so it survives a monochrome printer.
/// - Complexity: O(stops); about 300 bytes per stop.
struct RouteMap {
    var width: Double = 640
    var height: Double = 400
    var margin: Double = 28

    /// A stop's position on the map, with its number (nil for a break).
    private struct Point { var x: Double; var y: Double; var number: Int? }

    func svg(_ sheet: RouteSheet) -> String {
        let located = sheet.stops.compactMap { s in s.location.map { (stop: s, at: $0) } }
        let all = [sheet.base] + located.map(\.at) + (sheet.streetPath ?? [])
        let lat0 = all.map(\.lat).reduce(0, +) / Double(all.count)
        let kmPerDegree = 6_371.0088 * Double.pi / 180
        let cosLat = cos(lat0 * Double.pi / 180)
        // Plane coordinates in km, y to the north.
        func plane(_ c: Coordinate) -> (x: Double, y: Double) { (c.lon * cosLat * kmPerDegree, c.lat * kmPerDegree) }
        let planar = all.map(plane)
        let minX = planar.map(\.x).min()!, maxX = planar.map(\.x).max()!
        let minY = planar.map(\.y).min()!, maxY = planar.map(\.y).max()!
        // A route of one point (or all stops at the base) still gets a 1 km wide map.
        let spanX = max(maxX - minX, 1), spanY = max(maxY - minY, 1)
        let top = 18.0  // room for the caption line
        let boxW = width - 2 * margin, boxH = height - 2 * margin - top
        let scale = min(boxW / spanX, boxH / spanY)  // SVG units per km
        let midX = (minX + maxX) / 2, midY = (minY + maxY) / 2
        func project(_ c: Coordinate) -> (x: Double, y: Double) {
            let p = plane(c)
            return (width / 2 + (p.x - midX) * scale, top + margin + boxH / 2 - (p.y - midY) * scale)
        }
        let base = project(sheet.base)
        let points = located.map { item -> Point in
            let p = project(item.at)
            return Point(x: p.x, y: p.y, number: item.stop.isBreak ? nil : item.stop.number)
        }
        let unmapped = sheet.stops.count { !$0.isBreak && $0.location == nil }

        func f(_ v: Double) -> String { DecimalText.fixed(v, 1) }
        var out = ""
        out += "<svg class=\"route-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" "
        out += "role=\"img\" aria-label=\"Map of the route\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        out += "<rect x=\"0.5\" y=\"0.5\" width=\"\(f(width - 1))\" height=\"\(f(height - 1))\" fill=\"#ffffff\" stroke=\"#999999\"/>\n"
        var caption = "Route: base → \(points.count { $0.number != nil }) stops → base"
        if unmapped > 0 { caption += " (\(unmapped) without coordinates, not drawn)" }
        out += "<text x=\"10\" y=\"16\" font-size=\"11\" fill=\"#333333\">\(HTML.escape(caption))</text>\n"

        // The route line: base → stops in order → base, along the streets when the plan is on roads.
        let path = [(base.x, base.y)] + points.map { ($0.x, $0.y) } + [(base.x, base.y)]
        let line = sheet.streetPath.map { $0.map { c in let p = project(c); return (p.x, p.y) } } ?? path
        out += "<polyline class=\"route-line\(sheet.streetPath == nil ? "" : " streets")\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\" stroke-linejoin=\"round\" "
        out += "points=\"\(line.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>\n"
        // Small arrowheads mid-leg show the direction where markers overlap.
        out += "<g class=\"route-arrows\" fill=\"#1f5fa8\">\n"
        for i in 0..<(path.count - 1) where sheet.streetPath == nil {
            let (x1, y1) = path[i], (x2, y2) = path[i + 1]
            let dx = x2 - x1, dy = y2 - y1, len = (dx * dx + dy * dy).squareRoot()
            guard len > 40 else { continue }
            let ux = dx / len, uy = dy / len, mx = (x1 + x2) / 2, my = (y1 + y2) / 2
            let tip = (mx + ux * 5, my + uy * 5)
            let l = (mx - ux * 4 - uy * 4, my - uy * 4 + ux * 4), r = (mx - ux * 4 + uy * 4, my - uy * 4 - ux * 4)
            out += "<polygon points=\"\(f(tip.0)),\(f(tip.1)) \(f(l.0)),\(f(l.1)) \(f(r.0)),\(f(r.1))\"/>\n"
        }
        out += "</g>\n"

        // The base: a house (square with a roof), distinct from the round stop markers.
        let bx = base.x, by = base.y
        out += "<g class=\"base-marker\" stroke=\"#000000\" stroke-width=\"1.5\" fill=\"#ffd54a\">"
        out += "<title>Base</title>"
        out += "<rect x=\"\(f(bx - 7))\" y=\"\(f(by - 3))\" width=\"14\" height=\"11\"/>"
        out += "<polygon points=\"\(f(bx - 9)),\(f(by - 3)) \(f(bx)),\(f(by - 11)) \(f(bx + 9)),\(f(by - 3))\"/>"
        out += "</g>\n"
        out += "<text x=\"\(f(bx + 12))\" y=\"\(f(by + 4))\" font-size=\"10\" font-weight=\"bold\" paint-order=\"stroke\" "
        out += "stroke=\"#ffffff\" stroke-width=\"3\">BASE</text>\n"

        // Breaks with a place: a small hollow square, no number.
        for p in points where p.number == nil {
            out += "<rect class=\"break-marker\" x=\"\(f(p.x - 4))\" y=\"\(f(p.y - 4))\" width=\"8\" height=\"8\" "
            out += "fill=\"#ffffff\" stroke=\"#555555\" stroke-width=\"1.5\"><title>Break</title></rect>\n"
        }
        // Visits last, so numbers sit on top of the line; later stops on top of earlier ones.
        for p in points {
            guard let n = p.number else { continue }
            out += "<g class=\"stop-marker\" data-stop=\"\(n)\">"
            out += "<circle cx=\"\(f(p.x))\" cy=\"\(f(p.y))\" r=\"9\" fill=\"#ffffff\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>"
            out += "<text x=\"\(f(p.x))\" y=\"\(f(p.y + 3.5))\" font-size=\"10\" font-weight=\"bold\" text-anchor=\"middle\">\(n)</text>"
            out += "</g>\n"
        }

        out += scaleBar(kmWidth: boxW / scale / 4, scale: scale, f)
        out += northArrow(f)
        if let attribution = sheet.mapAttribution {
            out += "<text class=\"attribution\" x=\"\(f(width - 8))\" y=\"\(f(height - 8))\" font-size=\"9\" text-anchor=\"end\" fill=\"#333333\">\(HTML.escape(attribution))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// A bar of a round length (1, 2 or 5 × 10ⁿ km) no longer than about a quarter of the map.
    private func scaleBar(kmWidth: Double, scale: Double, _ f: (Double) -> String) -> String {
        var unit = 1.0
        while unit * 10 <= kmWidth { unit *= 10 }
        while unit > kmWidth && unit > 0.001 { unit /= 10 }
        let km = [5.0, 2.0, 1.0].map { $0 * unit }.first { $0 <= kmWidth } ?? unit
        let len = km * scale, x0 = margin, y0 = height - 12
        let label = km >= 1 ? "\(DecimalText.fixed(km, 0)) km" : "\(DecimalText.fixed(km * 1000, 0)) m"
        var out = "<g class=\"scale-bar\" stroke=\"#000000\" stroke-width=\"1.5\" fill=\"none\">"
        out += "<path d=\"M\(f(x0)) \(f(y0 - 5))V\(f(y0))H\(f(x0 + len))V\(f(y0 - 5))\"/>"
        out += "<text x=\"\(f(x0 + len + 6))\" y=\"\(f(y0))\" font-size=\"10\" stroke=\"none\" fill=\"#000000\">\(label)</text>"
        out += "</g>\n"
        return out
    }

    private func northArrow(_ f: (Double) -> String) -> String {
        let x = width - 20, y = 40.0
        var out = "<g class=\"north-arrow\">"
        out += "<polygon points=\"\(f(x)),\(f(y - 14)) \(f(x - 6)),\(f(y + 4)) \(f(x)),\(f(y)) \(f(x + 6)),\(f(y + 4))\" fill=\"#000000\"/>"
        out += "<text x=\"\(f(x))\" y=\"\(f(y + 16))\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"middle\">N</text>"
        out += "</g>\n"
        return out
    }
}
