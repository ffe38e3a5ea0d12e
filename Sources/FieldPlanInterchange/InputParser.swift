import FieldPlanCore

/// Reads one input file (NDJSON or CSV) line by line and validates each line into a
/// record or a rejection. No store access: references between records are checked by
/// whoever applies them.
public struct InputParser: Sendable {
    public let input: ImportInput
    public let decoder: RecordDecoder
    /// Whether a valid record's line keeps its bytes: only a record that its applier may
    /// still refuse needs them (a rejected line always keeps them). Copying every line of a
    /// million-line file just in case would be most of the reading thread's allocations.
    public let keepsBytes: @Sendable (Record) -> Bool

    public init(input: ImportInput, decoder: RecordDecoder, keepsBytes: @escaping @Sendable (Record) -> Bool = { _ in true }) {
        self.input = input
        self.decoder = decoder
        self.keepsBytes = keepsBytes
    }

    /// A failure that stops the whole input (the file cannot be read, a CSV has no kind).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// Calls `emit` for every non-blank line, in order.
    /// - Complexity: O(file size) time, O(longest line) memory.
    public func parse(_ emit: (ParsedLine) throws -> Void) throws {
        let reader: LineReader
        do throws(LineReader.OpenError) { reader = try LineReader(path: input.path) } catch { throw Failure(message: error.description) }
        defer { reader.close() }
        let source = input.displayName
        var csv: CSVReader?
        var csvHeaderLine: String?
        var pendingCSV: (text: String, line: Int)?

        /// Decodes one object; `origin` has no bytes yet, `bytes` gives them when kept.
        func object(_ object: JSONObject, _ origin: LineOrigin, _ bytes: () -> [UInt8]) throws {
            var origin = origin
            let decoded: Result<Record, FieldError>
            do throws(FieldError) { decoded = .success(try decoder.decode(object)) } catch { decoded = .failure(error) }
            switch decoded {
            case .success(let record):
                if keepsBytes(record) { origin.raw = bytes() }
                try emit(.record(record, origin))
            case .failure(let error):
                origin.raw = bytes()
                let kind: String? = if case .string(let k)? = object["kind"], RecordKind(rawValue: k) != nil { k } else { nil }
                try emit(.rejected(error, kind: kind, origin))
            }
        }

        try reader.forEachLine { line in
            guard let bytes = line.bytes else {
                try emit(.rejected(FieldError("", "line is \(line.length) bytes, longer than the \(reader.maxLineBytes)-byte limit"),
                                   kind: nil, LineOrigin(source: source, line: line.number, raw: nil, csvHeader: csvHeaderLine)))
                return
            }
            if pendingCSV == nil && bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            switch input.format {
            case .ndjson:
                let origin = LineOrigin(source: source, line: line.number, raw: nil)
                let value: JSONValue
                do throws(JSONParser.SyntaxError) {
                    value = try JSONParser.parse(bytes)
                } catch {
                    try emit(.rejected(FieldError("", "invalid JSON at column \(error.column): \(error.message)"), kind: nil,
                                       LineOrigin(source: source, line: line.number, raw: Array(bytes))))
                    return
                }
                guard case .object(let o) = value else {
                    try emit(.rejected(FieldError("", "expected a JSON object, got \(value.brief)"), kind: nil,
                                       LineOrigin(source: source, line: line.number, raw: Array(bytes))))
                    return
                }
                try object(o, origin) { Array(bytes) }
            case .csv:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    try emit(.rejected(FieldError("", "invalid UTF-8"), kind: input.csvKind,
                                       LineOrigin(source: source, line: line.number, raw: Array(bytes), csvHeader: csvHeaderLine)))
                    return
                }
                let joined = pendingCSV.map { $0.text + "\n" + text } ?? text
                let startLine = pendingCSV?.line ?? line.number
                guard let cells = CSVReader.split(joined) else {
                    pendingCSV = (joined, startLine)
                    return
                }
                pendingCSV = nil
                guard let reader = csv else {
                    let header = CSVReader(headerFields: cells, defaultKind: input.csvKind)
                    if header.kind == nil && !header.header.contains("kind") {
                        throw Failure(message: "\(source):\(line.number): kind: the CSV has no kind column; name the file accounts….csv or agents….csv, or pass --csv-kind")
                    }
                    csv = header
                    csvHeaderLine = text
                    return
                }
                try object(reader.object(cells: cells),
                           LineOrigin(source: source, line: startLine, raw: nil, csvHeader: csvHeaderLine)) { Array(joined.utf8) }
            }
        }
        if let pendingCSV {
            try emit(.rejected(FieldError("", "unterminated quoted field"), kind: input.csvKind,
                               LineOrigin(source: source, line: pendingCSV.line, raw: Array(pendingCSV.text.utf8), csvHeader: csvHeaderLine)))
        }
    }
}
