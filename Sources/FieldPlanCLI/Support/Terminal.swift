#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard error and whether it is a terminal: progress goes there only when a person
/// is watching (SPEC §10), never into a log or a pipe.
enum Terminal {
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func error(_ line: String) { writeStandardError(line + "\n") }

    /// A progress line that rewrites itself; silent when stderr is not a terminal.
    static func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        writeStandardError("\r\u{1B}[K" + text)
    }

    static func endProgress() {
        guard stderrIsTerminal else { return }
        writeStandardError("\r\u{1B}[K")
    }
}

/// Writes straight to file descriptor 2 (unbuffered, so messages and progress interleave
/// correctly with anything else written there).
public func writeStandardError(_ text: String) {
    var copy = text
    copy.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(2, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { return }
            offset += n
        }
    }
}
