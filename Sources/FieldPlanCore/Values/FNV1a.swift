/// The 64-bit FNV-1a hash: tiny, quick on short keys, and the same in every run and on every
/// machine (Swift's `Hasher` is seeded per process), for ids and derived seeds.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64

    public init(seed: UInt64 = 0) { value = 0xcbf2_9ce4_8422_2325 ^ seed }

    public mutating func combine(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }

    public mutating func combine(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }

    /// The string's UTF-8 bytes.
    public mutating func combine(_ string: String) {
        var text = string
        text.withUTF8 { combine($0) }
    }
}
