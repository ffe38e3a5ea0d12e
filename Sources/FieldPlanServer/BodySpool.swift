import FieldPlanInterchange
import Foundation
import Hummingbird

/// A request body written to a temporary file as it arrives, so an import of any size holds
/// one buffer in memory, never the whole body; the store then reads the file exactly as the
/// commands read theirs. The file is removed by `remove()`.
///
/// With a `screen`, each line is handed to it first; a line it refuses is written as an
/// empty line (which every reader skips, so the line numbers of the rest stay those of the
/// body) and kept as a rejection with its line number.
struct BodySpool: Sendable {
    let path: String
    /// The lines the screen refused.
    let refused: [RejectedLine]

    /// A line's verdict: nil to keep it, or why it is refused.
    typealias Screen = @Sendable ([UInt8]) -> FieldError?

    static func spool(_ body: RequestBody, contentLength: Int?, limit: Int, ending: String,
                      maxLineBytes: Int, screen: Screen? = nil) async throws -> BodySpool {
        if let contentLength, contentLength > limit { throw tooLarge(limit) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-upload-\(UUID().uuidString).\(ending)").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw APIError(.serviceUnavailable, "cannot spool the body to a temporary file", headers: [.retryAfter: "5"])
        }
        var ok = false
        defer {
            try? file.close()
            if !ok { try? FileManager.default.removeItem(atPath: path) }
        }
        var total = 0
        var splitter = screen.map { LineScreen(screen: $0, maxLineBytes: maxLineBytes) }
        for try await buffer in body {
            total += buffer.readableBytes
            if total > limit { throw tooLarge(limit) }
            if var s = splitter {
                let out = s.feed(buffer.readableBytesView)
                splitter = s
                try file.write(contentsOf: out)
            } else {
                try file.write(contentsOf: buffer.readableBytesView)
            }
        }
        if var s = splitter {
            try file.write(contentsOf: s.finish())
            splitter = s
        }
        ok = true
        return BodySpool(path: path, refused: splitter?.refused ?? [])
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "the body is larger than this route takes (\(limit) bytes)")
    }
}

/// A rejected line as the service reports it.
struct RejectedLine: Sendable, Hashable {
    var line: Int
    var field: String
    var reason: String
}

/// Splits a body into lines for a `BodySpool.Screen`, keeping at most one line in memory.
struct LineScreen {
    let screen: BodySpool.Screen
    let maxLineBytes: Int
    private(set) var refused: [RejectedLine] = []
    private var pending: [UInt8] = []
    private var overlong = false
    private var lineNumber = 0

    init(screen: @escaping BodySpool.Screen, maxLineBytes: Int) {
        self.screen = screen
        self.maxLineBytes = maxLineBytes
    }

    /// The bytes to write for this chunk: every line it completes, screened. Searches the
    /// chunk for newlines rather than looking at bytes one by one.
    mutating func feed(_ bytes: some Collection<UInt8>) -> Data {
        var out = Data()
        var rest = bytes[...]
        while !rest.isEmpty {
            let end = rest.firstIndex(of: 0x0A)
            let piece = rest[..<(end ?? rest.endIndex)]
            if !overlong {
                if pending.count + piece.count > maxLineBytes {
                    overlong = true
                    pending = []
                } else {
                    pending.append(contentsOf: piece)
                }
            }
            guard let end else { break }
            emit(into: &out)
            out.append(0x0A)
            rest = rest[rest.index(after: end)...]
        }
        return out
    }

    /// The last line, when the body does not end with a newline.
    mutating func finish() -> Data {
        var out = Data()
        if !pending.isEmpty || overlong { emit(into: &out) }
        return out
    }

    private mutating func emit(into out: inout Data) {
        lineNumber += 1
        defer { pending = []; overlong = false }
        if overlong {
            refused.append(RejectedLine(line: lineNumber, field: "", reason: "line longer than \(maxLineBytes) bytes"))
            return
        }
        if let error = screen(pending) {
            refused.append(RejectedLine(line: lineNumber, field: error.field, reason: error.reason))
            return
        }
        out.append(contentsOf: pending)
    }
}
