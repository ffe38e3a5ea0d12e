import FieldPlanCore

/// What a search box finds among the accounts: an id that starts with the text, or a debtor's
/// name or phone that holds it, in any case and any script. The text is only ever bound as an
/// SQL value and its `%`, `_` and `\` are escaped, so every character matches itself.
///
/// For a text in ASCII, SQLite's `LIKE` (which folds ASCII letters) does the scan and Swift
/// confirms each row; for other text every row of the filter is read and compared in Swift,
/// since SQLite folds no other letters. Either way it is a scan of the accounts: a name search
/// costs about as much as the tracing list.
/// Public so that the PostgreSQL store searches by the same rule.
public struct AccountSearch: Sendable {
    public let folded: String
    public let ascii: Bool

    /// nil for a text of only spaces: no search.
    public init?(_ text: String?) {
        guard let trimmed = text?.trimmingSpaces, !trimmed.isEmpty else { return nil }
        folded = trimmed.lowercased()
        ascii = trimmed.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The clause to add to the query's `WHERE` and its values, for ASCII text (nil otherwise).
    public var clause: (sql: String, arguments: [String])? {
        guard ascii else { return nil }
        var escaped = ""
        for c in folded {
            if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        return ("(id LIKE ? ESCAPE '\\' OR debtor_name LIKE ? ESCAPE '\\' OR phone LIKE ? ESCAPE '\\')",
                [escaped + "%", "%" + escaped + "%", "%" + escaped + "%"])
    }

    public func matches(_ account: Account) -> Bool {
        account.id.lowercased().hasPrefix(folded)
            || account.debtorName.lowercased().contains(folded)
            || (account.phone?.lowercased().contains(folded) ?? false)
    }
}
