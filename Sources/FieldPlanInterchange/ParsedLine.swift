import FieldPlanCore

/// One input line after reading and validation: a record ready to apply, or a rejection.
/// Either way it carries where it came from and its bytes, so that a line refused later
/// (a conflict, a missing reference) is still kept verbatim.
public enum ParsedLine: Sendable {
    case record(Record, LineOrigin)
    /// `kind` and `id` when the line names them validly, so that a later correction of the
    /// same record can mark the rejection resolved.
    case rejected(FieldError, kind: String?, id: String?, LineOrigin)
}

/// Where a line came from.
public struct LineOrigin: Sendable {
    public var source: String
    public var line: Int
    /// The line's bytes; nil for a line too long to keep.
    public var raw: [UInt8]?
    /// The CSV header of its file, so a rejects file of CSV rows stays importable.
    public var csvHeader: String?
    /// The optional fields the line left out: they keep their stored values.
    public var absent: AbsentFields = []

    public init(source: String, line: Int, raw: [UInt8]?, csvHeader: String? = nil) {
        self.source = source
        self.line = line
        self.raw = raw
        self.csvHeader = csvHeader
    }
}
