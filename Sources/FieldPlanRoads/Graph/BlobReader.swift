/// Reads what `BlobWriter` wrote, refusing a blob cut short rather than reading past it.
struct BlobReader {
    let blob: [UInt8]
    var at = 0

    init(_ blob: [UInt8]) { self.blob = blob }

    var atEnd: Bool { at == blob.count }

    /// Whether the blob starts with `magic`; if so, reading goes on after it.
    mutating func starts(with magic: [UInt8]) -> Bool {
        guard blob.count >= magic.count, Array(blob[0..<magic.count]) == magic else { return false }
        at = magic.count
        return true
    }

    mutating func int() throws(RoadError) -> Int {
        guard blob.count - at >= 8 else { throw .damagedNetwork("cut short at byte \(at)") }
        var v: Int64 = 0
        withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: blob[at..<at + 8]) }
        at += 8
        return Int(Int64(littleEndian: v))
    }

    mutating func array<T>(_: T.Type) throws(RoadError) -> [T] {
        let count = try int()
        guard count >= 0, count <= (blob.count - at) / MemoryLayout<T>.stride else { throw .damagedNetwork("cut short at byte \(at)") }
        let size = count * MemoryLayout<T>.stride
        var out = [T]()
        out.reserveCapacity(count)
        blob[at..<at + size].withUnsafeBytes { raw in
            for i in 0..<count { out.append(raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: T.self)) }
        }
        at += size
        return out
    }
}
