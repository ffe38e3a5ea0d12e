import FieldPlanCore

/// One file of the web app as compiled into the binary, with its content type and ETag.
struct WebAsset: Sendable {
    var name: String
    var text: String
    var contentType: String
    /// `"` + the FNV-1a of the bytes + `"`: the same in every run, so caches survive a restart.
    var etag: String

    init(name: String, text: String) {
        self.name = name
        self.text = text
        var hash = FNV1a()
        hash.combine(text)
        etag = "\"" + String(hash.value, radix: 16) + "\""
        contentType = Self.type(of: name)
    }

    static func type(of name: String) -> String {
        switch name.split(separator: ".").last ?? "" {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "webmanifest": "application/manifest+json"
        default: "application/octet-stream"
        }
    }

    /// Every file by name, made once.
    static let all: [String: WebAsset] = Dictionary(uniqueKeysWithValues: WebAssets.files.map { ($0.name, WebAsset(name: $0.name, text: $0.text)) })
}
