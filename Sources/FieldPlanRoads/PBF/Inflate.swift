import CZlib

/// zlib decompression of one PBF blob, whose uncompressed size the blob states.
enum Inflate {
    /// - Throws: the reason as text when the bytes are not zlib data of that size.
    static func inflate(_ source: ArraySlice<UInt8>, rawSize: Int) throws(ProtoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: rawSize)
        var outLength = uLongf(rawSize)
        let status = source.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                uncompress(dst.baseAddress, &outLength, src.baseAddress, uLong(src.count))
            }
        }
        switch status {
        case Z_OK:
            guard Int(outLength) == rawSize else { throw ProtoError("zlib data gives \(outLength) bytes, the block says \(rawSize)") }
            return out
        case Z_BUF_ERROR: throw ProtoError("zlib data is cut short or larger than the \(rawSize) bytes the block says")
        case Z_DATA_ERROR: throw ProtoError("zlib data is corrupt")
        case Z_MEM_ERROR: throw ProtoError("out of memory inflating \(rawSize) bytes")
        default: throw ProtoError("zlib error \(status)")
        }
    }
}
