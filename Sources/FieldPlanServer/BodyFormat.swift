import Hummingbird

/// What a posted body is, from its `Content-Type`: `415` for anything else.
enum BodyFormat: String, Sendable {
    case ndjson, csv

    static func of(_ request: Request, allowed: [BodyFormat]) throws -> BodyFormat {
        let type = request.headers[.contentType]?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let format: BodyFormat? = switch type {
        case "application/x-ndjson", "application/ndjson", "application/jsonl": .ndjson
        case "text/csv": .csv
        default: nil
        }
        guard let format, allowed.contains(format) else {
            let names = allowed.map { $0 == .csv ? "text/csv" : "application/x-ndjson" }.joined(separator: " or ")
            throw APIError(.unsupportedMediaType, "Content-Type: expected \(names)", field: "Content-Type")
        }
        return format
    }
}
