/// A relation as the PBF file holds it; fieldplan reads them for turn restrictions
/// (`type=restriction`, members `from`, `via`, `to`).
public struct OSMRelation: Sendable {
    public enum MemberType: Int, Sendable { case node = 0, way = 1, relation = 2 }

    public struct Member: Sendable {
        public var type: MemberType
        public var id: Int64
        public var role: String
    }

    public var id: Int64
    public var members: [Member]
    public var tags: [String: String]
}
