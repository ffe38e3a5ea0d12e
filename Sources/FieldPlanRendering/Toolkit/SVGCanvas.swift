/// A tiny SVG writer: elements appended in drawing order, coordinates with one decimal,
/// every text escaped. Enough for maps and charts without a drawing library.
public struct SVGCanvas: Sendable {
    public let width: Double
    public let height: Double
    public private(set) var body = ""

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func n(_ v: Double) -> String { DecimalText.fixed(v, 1) }

    /// Attributes as `name="value"` pairs, values escaped.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(HTML.escape($0.1))\"" }.joined()
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: [(String, String)] = [], title: String? = nil) {
        body += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\"\(Self.attributes(extra))"
        body += title.map { "><title>\(HTML.escape($0))</title></rect>\n" } ?? "/>\n"
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        body += (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
    }

    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, fill: String = "none") {
        let path = points.map { "\(Self.n($0.x)),\(Self.n($0.y))" }.joined(separator: " ")
        body += "<polyline points=\"\(path)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"/>\n"
    }

    public mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, stroke: String? = nil, extra: [(String, String)] = []) {
        let path = points.map { "\(Self.n($0.x)),\(Self.n($0.y))" }.joined(separator: " ")
        body += "<polygon points=\"\(path)\" fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "") + Self.attributes(extra) + "/>\n"
    }

    public mutating func circle(x: Double, y: Double, r: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        body += "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "")
        body += title.map { "><title>\(HTML.escape($0))</title></circle>\n" } ?? "/>\n"
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 11, anchor: Anchor = .start, fill: String = Palette.ink,
                              bold: Bool = false) {
        body += "<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
        body += (bold ? " font-weight=\"bold\"" : "") + ">\(HTML.escape(s))</text>\n"
    }

    /// Raw SVG markup, for what the primitives above do not cover.
    public mutating func raw(_ markup: String) { body += markup }

    /// The finished `<svg>` element with a title for screen readers.
    public func svg(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\" font-family=\"Helvetica, Arial, sans-serif\">\n<title>\(HTML.escape(title))</title>\n"
            + body + "</svg>"
    }
}
