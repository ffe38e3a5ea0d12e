/// Small text helpers for the line-oriented benchmark formats (no Foundation needed).
extension Substring {
    var trimmingSpaces: String { String(self).trimmed }
}

extension StringProtocol {
    func replacingTabs() -> String { String(self.map { $0 == "\t" || $0 == "\r" ? " " : $0 }) }
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return String(s)
    }
    var fields: [Substring] { split(separator: " ", omittingEmptySubsequences: true).map { Substring($0) } }
}
