import FieldPlanStore

/// Reports rejected input lines the same way for `import` and `sync import`: the first
/// `limit` messages on stderr (one line each, `FILE:LINE: field: reason`), the rest counted,
/// and every rejected line written verbatim to the rejects file (CSV rows under their
/// file's header) so it can be corrected and imported again.
final class RejectReporter {
    private let limit: Int
    private let file: OutputFile?
    private var shown = 0
    private var hidden = 0
    private var headersWritten = Set<String>()

    init(limit: Int, rejectsPath: String?) throws {
        self.limit = limit
        file = try rejectsPath.map { try OutputFile(path: $0) }
    }

    func reject(_ rejection: FieldPlanStore.Rejection) {
        message(rejection.error.description)
        guard let file else { return }
        if let header = rejection.csvHeader, headersWritten.insert(rejection.error.source).inserted {
            file.writeLine(header)
        }
        if let raw = rejection.raw {
            file.write(bytes: raw)
            file.write("\n")
        }
    }

    func warning(_ text: String) { message("warning: " + text) }

    private func message(_ text: String) {
        guard shown < limit else { hidden += 1; return }
        Terminal.endProgress()
        Terminal.error(text)
        shown += 1
    }

    /// Closes the rejects file and says how many messages were not shown.
    func finish() {
        file?.close()
        if hidden > 0 { Terminal.error("… and \(hidden) more messages (fieldplan rejects lists them all)") }
    }
}
