/// The graph as one blob for the store: a magic and version, the profile, the counts, then
/// each array's bytes as they lie in memory (little-endian on every machine Swift targets
/// here). Loading is a copy per array, no parsing, so a plan on roads starts in milliseconds.
extension RoadGraph {
    static let magic: [UInt8] = Array("FPROADS1".utf8)

    public func blob() -> [UInt8] {
        var out = Self.magic
        func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { out.append(contentsOf: $0) } }
        func array<T>(_ a: [T]) {
            int(a.count)
            a.withUnsafeBytes { out.append(contentsOf: $0) }
        }
        int(RoadProfile.allCases.firstIndex(of: profile)!)
        int(restrictionCount)
        array(vertexLat); array(vertexLon)
        array(edgeStart); array(edgeTarget); array(edgeSeconds); array(edgeMetres); array(edgePiece)
        array(pieceStart); array(pointLat); array(pointLon)
        array(pieceFrom); array(pieceTo); array(pieceForward); array(pieceBackward)
        return out
    }

    /// - Throws: `RoadError.damagedNetwork` when the blob is not one this build wrote.
    public init(blob: [UInt8]) throws(RoadError) {
        var at = 0
        guard blob.count >= Self.magic.count, Array(blob[0..<Self.magic.count]) == Self.magic else {
            throw .damagedNetwork("not a road network of this version")
        }
        at = Self.magic.count
        func int() throws(RoadError) -> Int {
            guard blob.count - at >= 8 else { throw .damagedNetwork("cut short at byte \(at)") }
            var v: Int64 = 0
            withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: blob[at..<at + 8]) }
            at += 8
            return Int(Int64(littleEndian: v))
        }
        func array<T>(_: T.Type) throws(RoadError) -> [T] {
            let count = try int()
            let size = count * MemoryLayout<T>.stride
            guard count >= 0, blob.count - at >= size else { throw .damagedNetwork("cut short at byte \(at)") }
            var out = [T]()
            out.reserveCapacity(count)
            blob[at..<at + size].withUnsafeBytes { raw in
                for i in 0..<count { out.append(raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: T.self)) }
            }
            at += size
            return out
        }
        let p = try int()
        guard RoadProfile.allCases.indices.contains(p) else { throw .damagedNetwork("unknown profile \(p)") }
        let restrictions = try int()
        self.init(profile: RoadProfile.allCases[p], vertexLat: try array(Double.self), vertexLon: try array(Double.self),
                  edgeStart: try array(Int32.self), edgeTarget: try array(Int32.self), edgeSeconds: try array(Double.self),
                  edgeMetres: try array(Double.self), edgePiece: try array(Int32.self), pieceStart: try array(Int32.self),
                  pointLat: try array(Double.self), pointLon: try array(Double.self), pieceFrom: try array(Int32.self),
                  pieceTo: try array(Int32.self), pieceForward: try array(Int32.self), pieceBackward: try array(Int32.self),
                  restrictionCount: restrictions)
        guard edgeStart.count == vertexCount + 1, pieceStart.count == pieceCount + 1, at == blob.count,
              edgeSeconds.count == edgeCount, edgeMetres.count == edgeCount, edgePiece.count == edgeCount,
              pointLat.count == pointLon.count, pieceTo.count == pieceCount,
              pieceForward.count == pieceCount, pieceBackward.count == pieceCount else {
            throw .damagedNetwork("inconsistent sizes")
        }
    }
}
