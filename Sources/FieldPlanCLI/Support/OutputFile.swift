#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered text sink: a file (`-o FILE`) or standard output. Written in 64 KiB blocks
/// so that exporting a million lines stays fast and memory stays flat.
final class OutputFile {
    private let handle: UnsafeMutablePointer<FILE>
    private let ownsHandle: Bool
    /// False when this writes to standard output.
    private let ownsFile: Bool
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        if let path, path != "-" {
            guard let h = fopen(path, "w") else { throw CommandFailure("\(path): cannot write: \(String(cString: strerror(errno)))") }
            handle = h
            ownsHandle = true
            ownsFile = true
        } else {
            guard let h = fdopen(dup(1), "w") else { throw CommandFailure("cannot write to standard output") }
            handle = h
            ownsHandle = true
            ownsFile = false
        }
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func writeLine(_ text: String) {
        write(text)
        buffer.append(0x0A)
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        // Whatever `print` left in the C standard output buffer goes first, so the two
        // writers to standard output keep their order.
        if !ownsFile { fflush(nil) }
        if !buffer.isEmpty { _ = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) } }
        buffer.removeAll(keepingCapacity: true)
        fflush(handle)
    }

    func close() {
        flush()
        if ownsHandle { fclose(handle) }
    }
}
