/// Why an OSRM answer could not be had. Each is one line that names the server's URL, so a
/// planner who sees it knows which setting or which machine to look at.
public enum OSRMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No answer at all after every attempt: refused, unreachable, timed out, cut off.
    case unreachable(url: String, service: String, reason: String, attempts: Int)
    /// An HTTP status the client does not retry (4xx), or a 5xx still there after the retries.
    case status(url: String, service: String, status: Int, code: String?, message: String?, attempts: Int)
    /// An answer that is not OSRM's JSON, or lacks what was asked.
    case badAnswer(url: String, service: String, reason: String)
    /// The server answered `null`: it knows no route between the two places.
    case noRoute(url: String, from: String, to: String)

    public var description: String {
        switch self {
        case .unreachable(let url, let service, let reason, let attempts):
            return "OSRM server \(url): \(service): \(reason)" + Self.tries(attempts)
        case .status(let url, let service, let status, let code, let message, let attempts):
            let detail = [code, message].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return "OSRM server \(url): \(service): HTTP \(status)" + (detail.isEmpty ? "" : " (\(Self.oneLine(detail)))") + Self.tries(attempts)
        case .badAnswer(let url, let service, let reason):
            return "OSRM server \(url): \(service): \(reason)"
        case .noRoute(let url, let from, let to):
            return "OSRM server \(url): no route from \(from) to \(to)"
        }
    }

    static func tries(_ attempts: Int) -> String { attempts > 1 ? " (after \(attempts) attempts)" : "" }

    /// A server's message, kept to one line and a readable length.
    static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
    }
}
