/// A way as the PBF file holds it: its node references in order and its tags.
public struct OSMWay: Sendable {
    public var id: Int64
    public var refs: [Int64]
    public var tags: [String: String]

    public init(id: Int64, refs: [Int64], tags: [String: String]) {
        self.id = id
        self.refs = refs
        self.tags = tags
    }
}
