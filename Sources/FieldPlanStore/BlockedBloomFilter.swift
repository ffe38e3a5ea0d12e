/// A Bloom filter of fixed size whose bits for one key all lie in one 64-byte block, so a
/// test costs one cache miss rather than one per bit (Putze, Sanders and Singler, "Cache-,
/// Hash- and Space-Efficient Bloom Filters", 2007). It answers "certainly new" or "maybe
/// seen"; the import confirms every "maybe" exactly (`RepeatedIDs`).
struct BlockedBloomFilter {
    /// 8 words of 64 bits per block.
    private var words: [UInt64]
    private let blockMask: Int

    /// A filter of `megabytes` MiB (rounded down to a power of two blocks).
    init(megabytes: Int) {
        var blocks = 1
        while blocks * 2 * 64 <= megabytes << 20 { blocks *= 2 }
        words = [UInt64](repeating: 0, count: blocks * 8)
        blockMask = blocks - 1
    }

    /// Sets the key's bits and says whether they were all set before: false means the key
    /// was certainly not inserted before; true means it may have been.
    /// - Parameter key: a well-mixed 64-bit hash.
    mutating func insert(_ key: UInt64) -> Bool {
        var h = key &* 0x9E37_79B9_7F4A_7C15     // spread an FNV hash over all bits
        h ^= h >> 29
        let block = Int(truncatingIfNeeded: h) & blockMask
        var present = true
        var bits = h >> 20
        words.withUnsafeMutableBufferPointer { w in
            // 8 bits, one in each word of the block, each chosen by 6 bits of the hash.
            for i in 0..<8 {
                let mask: UInt64 = 1 << (bits & 63)
                let index = block * 8 + i
                if w[index] & mask == 0 { present = false; w[index] |= mask }
                bits = (bits >> 6) | (bits << 58)
            }
        }
        return present
    }
}
