/// HTML text helpers shared by every page fieldplan draws (sheets, zone maps, reports).
public enum HTML {
    /// Escapes the five characters that matter in HTML text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A whole self-contained page: inline style only, nothing loaded from elsewhere, so it
    /// opens offline, prints, and can be attached to an e-mail.
    public static func page(title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style></head>
        <body>
        \(body)
        </body></html>

        """
    }
}
