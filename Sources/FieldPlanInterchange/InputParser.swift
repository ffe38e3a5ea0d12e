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
    /// Whether a CSV column that no field of its kind has is only warned about (then
    /// ignored) rather than stopping the input.
    public let ignoreUnknownColumns: Bool

    public init(input: ImportInput, decoder: RecordDecoder, ignoreUnknownColumns: Bool = false,
                keepsBytes: @escaping @Sendable (Record) -> Bool = { _ in true }) {
        self.input = input
        self.decoder = decoder
        self.ignoreUnknownColumns = ignoreUnknownColumns
        self.keepsBytes = keepsBytes
    }

    /// A failure that stops the whole input (the file cannot be read, a CSV has no kind,
    /// an unknown or missing column).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// Calls `body` for every non-blank line, in order, and `warn` for what is worth a
    /// word but stops nothing (columns ignored by `--ignore-unknown-columns`).
    /// - Returns: the number of lines handed to `body`; 0 means the input holds no record
    ///   (empty, blank lines only, or a CSV header alone), which the caller must say.
    /// - Complexity: O(file size) time, O(longest line) memory.
    @discardableResult
    public func parse(warn: (String) throws -> Void = { _ in }, _ body: (ParsedLine) throws -> Void) throws -> Int {
        let reader: LineReader
        do throws(LineReader.OpenError) { reader = try LineReader(path: input.path) } catch { throw Failure(message: error.description) }
        defer { reader.close() }
        let source = input.displayName
        var csv: CSVReader?
        var csvHeaderLine: String?
        var pendingCSV: (text: String, line: Int)?
        var lines = 0
        func emit(_ line: ParsedLine) throws {
            lines += 1
            try body(line)
        }

        /// Decodes one object; `origin` has no bytes yet, `bytes` gives them when kept.
        func object(_ object: JSONObject, _ origin: LineOrigin, _ bytes: () -> [UInt8]) throws {
            var origin = origin
            let decoded: Result<Record, FieldError>
            var absent: AbsentFields = []
            do throws(FieldError) { decoded = .success(try decoder.decode(object, absent: &absent)) } catch { decoded = .failure(error) }
            switch decoded {
            case .success(let record):
                if keepsBytes(record) { origin.raw = bytes() }
                origin.absent = absent
                try emit(.record(record, origin))
            case .failure(let error):
                origin.raw = bytes()
                let kind: String? = if case .string(let k)? = object["kind"], RecordKind(rawValue: k) != nil { k } else { nil }
                let id: String? = switch object["id"] {
                case .string(let s)?: s
                case .number(let n)?: n
                default: nil
                }
                try emit(.rejected(error, kind: kind, id: id, origin))
            }
        }

        do {
            try reader.forEachLine { line in
                guard let bytes = line.bytes else {
                    try emit(.rejected(FieldError("", "line is \(line.length) bytes, longer than the \(reader.maxLineBytes)-byte limit"),
                                       kind: nil, id: nil, LineOrigin(source: source, line: line.number, raw: nil, csvHeader: csvHeaderLine)))
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
                        try emit(.rejected(FieldError("", "invalid JSON at column \(error.column): \(error.message)"), kind: nil, id: nil,
                                           LineOrigin(source: source, line: line.number, raw: Array(bytes))))
                        return
                    }
                    guard case .object(let o) = value else {
                        try emit(.rejected(FieldError("", "expected a JSON object, got \(value.brief)"), kind: nil, id: nil,
                                           LineOrigin(source: source, line: line.number, raw: Array(bytes))))
                        return
                    }
                    try object(o, origin) { Array(bytes) }
                case .csv:
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        try emit(.rejected(FieldError("", "invalid UTF-8"), kind: input.csvKind, id: nil,
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
                        try check(header, source: source, line: line.number, warn: warn)
                        csv = header
                        csvHeaderLine = text
                        return
                    }
                    try object(reader.object(cells: cells),
                               LineOrigin(source: source, line: startLine, raw: nil, csvHeader: csvHeaderLine)) { Array(joined.utf8) }
                }
            }
        } catch let error as LineReader.OpenError {
            throw Failure(message: error.description)
        }
        if let pendingCSV {
            try emit(.rejected(FieldError("", "unterminated quoted field"), kind: input.csvKind, id: nil,
                               LineOrigin(source: source, line: pendingCSV.line, raw: Array(pendingCSV.text.utf8), csvHeader: csvHeaderLine)))
        }
        return lines
    }

    /// A CSV header names a kind's columns and all of its required ones (SPEC §3), else the
    /// whole input stops here, before any of its rows: one message for the file, not one per
    /// row, and nothing half-read.
    private func check(_ header: CSVReader, source: String, line: Int, warn: (String) throws -> Void) throws {
        let nothing = "nothing was imported"
        if header.kind == nil && !header.header.contains("kind") {
            throw Failure(message: "\(source):\(line): kind: the CSV has no kind column; name the file accounts….csv or agents….csv, or pass --csv-kind")
        }
        var kind: RecordKind?
        if let name = header.kind {
            guard let k = RecordKind(rawValue: name), RecordKind.importable.contains(k) else {
                throw Failure(message: "\(source): kind: unknown kind \(JSONWriter.quoted(name)); expected one of \(RecordKind.importable.map(\.rawValue).joined(separator: ", "))")
            }
            kind = k
        }
        let problems = CSVColumns.check(header.header, kind: kind)
        let what = kind.map { k in ([.payment, .zone].contains(k) ? "a " : "an ") + k.rawValue + " needs" } ?? "every row needs"
        if !problems.unknown.isEmpty {
            let columns = problems.unknown.count == 1 ? "unknown column" : "unknown columns"
            if ignoreUnknownColumns {
                try warn("\(source):\(line): \(columns) \(problems.unknownText) ignored (--ignore-unknown-columns)")
            } else {
                throw Failure(message: "\(source):\(line): \(columns) \(problems.unknownText); \(nothing) (fix the header, or pass --ignore-unknown-columns to skip such columns)")
            }
        }
        if !problems.missing.isEmpty {
            let columns = problems.missing.count == 1 ? "required column" : "required columns"
            let needed = kind.flatMap { CSVColumns.required[$0] } ?? ["id"]
            throw Failure(message: "\(source):\(line): the header lacks the \(columns) \(problems.missing.joined(separator: ", ")) (\(what) \(needed.joined(separator: ", "))); \(nothing)")
        }
    }
}
