/// What a field agent is shown of a debtor (SPEC §5, §6): the national id never; the phone
/// number only where the stop needs a call (an appointment or a call-back to confirm), else
/// masked to its last three digits so the agent can still match a caller.
public enum Masking {
    /// Whether the agent needs the full phone number for a stop with this reason.
    public static func agentNeedsPhone(reason: String) -> Bool {
        reason == "appointment" || reason == "callback"
    }

    /// `+254712345678` → `+2547•••••678`: the country and network prefix and the last three
    /// digits stay, the rest is hidden.
    public static func phone(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count > 7 else { return String(repeating: "•", count: max(0, chars.count - 2)) + String(chars.suffix(2)) }
        let keepStart = phone.hasPrefix("+") ? 5 : 2
        return String(chars.prefix(keepStart)) + String(repeating: "•", count: chars.count - keepStart - 3) + String(chars.suffix(3))
    }

    /// The phone as an agent sees it on a stop with this reason.
    public static func phoneForAgent(_ phone: String?, reason: String) -> String? {
        guard let phone else { return nil }
        return agentNeedsPhone(reason: reason) ? phone : Self.phone(phone)
    }
}
