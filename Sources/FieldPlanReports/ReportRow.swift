/// One row of a report: an agent, a zone or a client (or `unattributed`, the payments that no
/// agent earned), with its figures.
public struct ReportRow: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var figures: ReportFigures

    public init(id: String, name: String?, figures: ReportFigures) {
        self.id = id
        self.name = name
        self.figures = figures
    }

    /// The id of the agent row that takes the payments attributed to no agent.
    public static let unattributedID = "unattributed"
    /// The id of the zone row of accounts without a zone.
    public static let unzonedID = "unzoned"
}
