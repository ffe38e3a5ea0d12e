import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP connection to the server under test on 127.0.0.1, to read an answer at the
/// pace a test chooses. Use it on a Dispatch thread (`offPool`), never on the
/// concurrency pool the in-process server needs.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    /// `receiveBuffer` bytes of kernel buffer for what the server sends (set before connecting,
    /// so the kernel does not grow it), or the system's default.
    init(port: Int, receiveBuffer: Int? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if var size = receiveBuffer.map(Int32.init) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            sent += n
        }
    }

    /// What one read gives (at most `limit` bytes); empty when the server has closed.
    func receive(limit: Int = 65_536) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: limit)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return n > 0 ? Array(buffer[..<n]) : []
    }

    /// Everything until the server closes the connection.
    func receiveAll() -> [UInt8] {
        var data = [UInt8]()
        while true {
            let chunk = receive()
            if chunk.isEmpty { return data }
            data += chunk
        }
    }

    /// `body` on a Dispatch thread, so its blocking reads leave the concurrency pool to the
    /// server under test.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    /// A whole `Connection: close` exchange: the answer's head (lower-cased field names) and
    /// its raw body, chunked framing included.
    static func exchange(port: Int, _ request: String) throws -> (head: String, body: [UInt8]) {
        let connection = try RawConnection(port: port)
        try connection.send(request)
        let answer = connection.receiveAll()
        let end = answer.indices.first { i in i + 3 < answer.count && answer[i...(i + 3)].elementsEqual([13, 10, 13, 10]) } ?? answer.count
        return (String(decoding: answer[..<end], as: UTF8.self).lowercased(), Array(answer[min(end + 4, answer.count)...]))
    }
}
