/// A PBF file that cannot be read: one line naming the file, the block and the byte offset
/// of that block, and what is wrong, so a truncated download or a wrong file is plain.
public struct OSMPBFError: Error, CustomStringConvertible, Sendable {
    public var file: String
    /// The block's number, counting from 0; nil before the first block.
    public var block: Int?
    /// Where that block (its length prefix) starts in the file.
    public var offset: Int
    public var reason: String

    public init(file: String, block: Int?, offset: Int, reason: String) {
        self.file = file
        self.block = block
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "\(file): " + (block.map { "block \($0) at byte \(offset)" } ?? "at byte \(offset)") + ": \(reason)"
    }
}
