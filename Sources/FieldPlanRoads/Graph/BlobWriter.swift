/// Writes the road network's blob: a magic, then counts and flat arrays as their bytes.
struct BlobWriter {
    var bytes: [UInt8]

    init(magic: [UInt8]) { bytes = magic }

    mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { bytes.append(contentsOf: $0) } }

    mutating func array<T>(_ a: [T]) {
        int(a.count)
        a.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
