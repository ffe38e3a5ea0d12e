#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams the lines of a file with constant memory: a 1 MiB read buffer, and lines longer
/// than `maxLineBytes` are reported as too long (and skipped) instead of being held whole.
/// A UTF-8 byte-order mark on the first line and a CR before each LF are removed.
public struct LineReader {
    /// One line as the reader hands it out: its 1-based number and bytes (nil when the line
    /// was longer than the limit; `length` then says how long it was).
    public struct Line {
        public var number: Int
        public var bytes: UnsafeBufferPointer<UInt8>?
        public var length: Int
    }

    /// Why an input cannot be read; every case names the path, so that one message of a
    /// run of many files says which one.
    public enum OpenError: Error, Equatable, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case isDirectory(path: String)
        case cannotRead(path: String, reason: String)
        public var description: String {
            switch self {
            case let .cannotOpen(path, reason): "\(path): cannot open: \(reason)"
            case let .isDirectory(path): "\(path): is a directory, not a file (name the files in it)"
            case let .cannotRead(path, reason): "\(path): cannot read: \(reason)"
            }
        }
    }

    public static let defaultMaxLineBytes = 1 << 20

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let path: String
    public let maxLineBytes: Int

    /// Opens `path`; `-` means standard input.
    public init(path: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws(OpenError) {
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            let d = open(path, O_RDONLY)
            guard d >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            // Linux opens a directory for reading; only the first read would fail, unnamed.
            var info = stat()
            if fstat(d, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                _ = Glibc.close(d)
                throw .isDirectory(path: path)
            }
            fd = d
            ownsDescriptor = true
        }
        self.path = path == "-" ? "stdin" : path
        self.maxLineBytes = maxLineBytes
    }

    public func close() {
        if ownsDescriptor { _ = Glibc.close(fd) }
    }

    /// Calls `body` for every line, in order.
    /// - Complexity: O(file size) time, O(`maxLineBytes`) memory.
    public func forEachLine(_ body: (Line) throws -> Void) throws {
        let chunk = 1 << 20
        // Left uninitialized: only what `read` filled is ever looked at, and zeroing 2 MiB
        // would cost more than reading a device's sync of a few lines (issue 13's profile).
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunk + maxLineBytes + 1)
        defer { buffer.deallocate() }
        var filled = 0          // bytes in buffer[0..<filled] not yet handed out
        var lineNumber = 1
        var skippingLongLine = false
        var longLineLength = 0
        var atStart = true
        var eof = false
        while true {
            if !eof {
                let room = buffer.count - filled
                let n = read(fd, buffer.baseAddress! + filled, min(room, chunk))
                if n < 0 { if errno == EINTR { continue }; throw LineReader.OpenError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
                if n == 0 { eof = true } else { filled += n }
            }
            if atStart && filled >= 3 || (atStart && eof) {
                atStart = false
                if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                    buffer.baseAddress!.update(from: buffer.baseAddress! + 3, count: filled - 3)
                    filled -= 3
                }
            }
            var consumed = 0
            do {
                let all = UnsafeBufferPointer(buffer)
                while let nl = Self.firstNewline(all, from: consumed, to: filled) {
                    if skippingLongLine {
                        longLineLength += nl - consumed
                        try body(Line(number: lineNumber, bytes: nil, length: longLineLength))
                        skippingLongLine = false
                        longLineLength = 0
                    } else {
                        var end = nl
                        if end > consumed, all[end - 1] == 0x0D { end -= 1 }
                        if end - consumed > maxLineBytes {
                            try body(Line(number: lineNumber, bytes: nil, length: end - consumed))
                        } else {
                            try body(Line(number: lineNumber, bytes: UnsafeBufferPointer(rebasing: all[consumed..<end]), length: end - consumed))
                        }
                    }
                    lineNumber += 1
                    consumed = nl + 1
                }
            }
            if consumed > 0 {
                let remaining = filled - consumed
                if remaining > 0 { buffer.baseAddress!.update(from: buffer.baseAddress! + consumed, count: remaining) }
                filled -= consumed
            }
            if filled > maxLineBytes && !atStart {
                // A line longer than the limit: count it and drop what we have of it.
                skippingLongLine = true
                longLineLength += filled
                filled = 0
            }
            if eof {
                if skippingLongLine {
                    try body(Line(number: lineNumber, bytes: nil, length: longLineLength + filled))
                } else if filled > 0 {
                    var end = filled
                    if buffer[end - 1] == 0x0D { end -= 1 }
                    try body(Line(number: lineNumber, bytes: UnsafeBufferPointer(rebasing: UnsafeBufferPointer(buffer)[0..<end]), length: end))
                }
                return
            }
        }
    }

    private static func firstNewline(_ b: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to else { return nil }
        if let p = memchr(b.baseAddress! + from, 0x0A, to - from) {
            return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        return nil
    }
}
