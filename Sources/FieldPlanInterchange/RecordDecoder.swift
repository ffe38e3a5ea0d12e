import FieldPlanCore

/// Turns one JSON object into a validated record (SPEC §3), or names the first field at
/// fault. Unknown members are ignored (kept out of the store) and never reject a line.
public struct RecordDecoder: Sendable {
    /// The import's "now", to refuse visits reported in the future; nil skips that check.
    public var now: Int64?

    public init(now: Int64? = nil) { self.now = now }

    public func decode(_ object: JSONObject) throws(FieldError) -> Record {
        var absent: AbsentFields = []
        return try decode(object, absent: &absent)
    }

    /// `decode`, with the optional fields the object left out (as opposed to sent as null)
    /// in `absent`, read off the typed record before it is wrapped (SPEC §3).
    public func decode(_ object: JSONObject, absent: inout AbsentFields) throws(FieldError) -> Record {
        let r = Reader(object: object, prefix: "")
        let kindText = try r.requiredString("kind")
        guard let kind = RecordKind(rawValue: kindText), RecordKind.importable.contains(kind) else {
            if kindText == "visit" || kindText == "route" {
                throw FieldError("kind", "\"\(kindText)\" is export-only; plans are made with fieldplan plan")
            }
            throw FieldError("kind", "unknown kind \(JSONWriter.quoted(kindText)); expected one of \(RecordKind.importable.map(\.rawValue).joined(separator: ", "))")
        }
        switch kind {
        case .account:
            let a = try account(r)
            absent = Self.absentFields(of: a, in: object)
            return .account(a)
        case .agent:
            let a = try agent(r)
            absent = Self.absentFields(of: a, in: object)
            return .agent(a)
        case .appointment:
            let a = try appointment(r)
            absent = Self.absentFields(of: a, in: object)
            return .appointment(a)
        case .outcome: return .outcome(try outcome(r))
        case .payment: return .payment(try payment(r))
        case .zone:
            let z = try zone(r)
            absent = Self.absentFields(of: z, in: object)
            return .zone(z)
        case .visit, .route: fatalError("unreachable: filtered above")
        }
    }

    private func account(_ r: Reader) throws(FieldError) -> Account {
        var a = Account(id: try r.id("id"), client: try r.requiredText("client"),
                        debtorName: try r.requiredText("debtor_name"), balance: try r.requiredMoney("balance"))
        if a.balance.minorUnits < 0 { throw FieldError("balance", "must not be negative, got \(a.balance.decimalText)") }
        a.currency = try r.currency("currency")
        a.phone = try r.optionalString("phone")
        a.email = try r.optionalString("email")
        a.nationalID = try r.optionalString("national_id")
        a.address = try r.optionalString("address")
        a.location = try r.coordinatePair()
        a.daysPastDue = try r.optionalInt("days_past_due", 0...36_500)
        if let s = try r.optionalString("status") {
            guard let status = AccountStatus(rawValue: s) else {
                throw FieldError("status", "unknown status \(JSONWriter.quoted(s)); expected one of \(AccountStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            a.status = status
        }
        a.visitWindow = try r.window("visit_window")
        a.serviceMinutes = try r.optionalInt("service_minutes", 1...480)
        a.notes = try r.optionalString("notes")
        a.noVisitBefore = try r.optionalDate("no_visit_before")
        a.maxVisitsPerMonth = try r.optionalInt("max_visits_per_month", 0...31)
        a.zoneID = try r.optionalID("zone_id")
        return a
    }

    private func agent(_ r: Reader) throws(FieldError) -> Agent {
        let id = try r.id("id")
        let name = try r.requiredText("name")
        guard let base = try r.nestedCoordinate("base") else { throw FieldError("base", "required") }
        guard let shift = try r.window("shift", from: "start", to: "end") else { throw FieldError("shift", "required") }
        if shift.from == shift.to { throw FieldError("shift.end", "must be after shift.start") }
        var a = Agent(id: id, name: name, base: base, shift: shift)
        a.phone = try r.optionalString("phone")
        if let value = r.object["days"] {
            var names: [String] = []
            switch value {
            case .array(let items):
                for item in items {
                    guard case .string(let s) = item else { throw FieldError("days", "expected day names like \"mon\", got \(item.brief)") }
                    names.append(s)
                }
            case .string(let s): names = s.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(String.init)
            case .null: break
            default: throw FieldError("days", "expected a list of day names, got \(value.brief)")
            }
            if case .null = value {} else {
                var days: [Weekday] = []
                for n in names {
                    guard let d = Weekday(rawValue: n.lowercased()) else { throw FieldError("days", "unknown day \(JSONWriter.quoted(n)); expected mon, tue, wed, thu, fri, sat or sun") }
                    if !days.contains(d) { days.append(d) }
                }
                if days.isEmpty { throw FieldError("days", "must name at least one day") }
                a.days = Weekday.allCases.filter(days.contains)
            }
        }
        if let window = try r.window("break") {
            let sub = try r.nested("break")!
            guard let minutes = try sub.optionalInt("minutes", 1...240) else { throw FieldError("break.minutes", "required") }
            a.breakRule = BreakRule(window: window, minutes: minutes)
        }
        a.maxVisits = try r.optionalInt("max_visits", 0...200)
        a.active = try r.optionalBool("active")
        return a
    }

    private func appointment(_ r: Reader) throws(FieldError) -> Appointment {
        let id = try r.id("id")
        let account = try r.id("account_id")
        guard let date = try r.optionalDate("date") else { throw FieldError("date", "required") }
        let from = try r.requiredTime("from")
        let to = try r.requiredTime("to")
        guard let window = TimeWindow(from: from, to: to) else { throw FieldError("to", "\(to) is before from \(from)") }
        return Appointment(id: id, accountID: account, date: date, window: window, agentID: try r.optionalID("agent_id"))
    }

    private func outcome(_ r: Reader) throws(FieldError) -> Outcome {
        let id = try r.id("id")
        let account = try r.id("account_id")
        let agent = try r.id("agent_id")
        let visitedAt = try r.requiredInstant("visited_at")
        if let now, visitedAt.epochSeconds > now + 300 {
            throw FieldError("visited_at", "\(visitedAt.text) is in the future")
        }
        let codeText = try r.requiredString("code")
        guard let code = OutcomeCode(rawValue: codeText) else {
            throw FieldError("code", "unknown outcome code \(JSONWriter.quoted(codeText)); expected one of \(OutcomeCode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var o = Outcome(id: id, accountID: account, agentID: agent, visitedAt: visitedAt, code: code)
        if let c = try r.optionalString("contact") {
            guard let contact = ContactType(rawValue: c) else { throw FieldError("contact", "expected debtor, third_party or none, got \(JSONWriter.quoted(c))") }
            o.contact = contact
        }
        if let p = try r.nested("promise") {
            let amount = try p.requiredMoney("amount")
            if amount.minorUnits <= 0 { throw FieldError("promise.amount", "must be more than 0, got \(amount.decimalText)") }
            guard let date = try p.optionalDate("date") else { throw FieldError("promise.date", "required") }
            if date < visitedAt.localDate { throw FieldError("promise.date", "\(date) is before the visit (\(visitedAt.localDate))") }
            o.promise = .init(amount: amount, date: date)
        }
        if let c = try r.nested("collected") {
            let amount = try c.requiredMoney("amount")
            if amount.minorUnits <= 0 { throw FieldError("collected.amount", "must be more than 0, got \(amount.decimalText)") }
            o.collected = .init(amount: amount, receipt: try c.optionalString("receipt"))
        }
        if let l = try r.nested("location") {
            guard let coordinate = try l.coordinatePair() else { throw FieldError("location.lat", "required") }
            let accuracy = try l.optionalDouble("accuracy_m")
            if let accuracy, accuracy < 0 { throw FieldError("location.accuracy_m", "must not be negative") }
            o.location = .init(coordinate: coordinate, accuracyMetres: accuracy)
        }
        o.notes = try r.optionalString("notes")
        if let next = r.object["next_visit"] {
            switch next {
            case .string(let s):
                guard let d = CivilDate(s) else { throw FieldError("next_visit", "expected a date YYYY-MM-DD, got \(next.brief)") }
                o.nextVisit = .init(date: d, window: nil)
            case .object:
                let n = try r.nested("next_visit")!
                guard let d = try n.optionalDate("date") else { throw FieldError("next_visit.date", "required") }
                var window: TimeWindow?
                if n.object["from"] != nil || n.object["to"] != nil {
                    let from = try n.requiredTime("from"), to = try n.requiredTime("to")
                    guard let w = TimeWindow(from: from, to: to) else { throw FieldError("next_visit.to", "\(to) is before from \(from)") }
                    window = w
                }
                o.nextVisit = .init(date: d, window: window)
            case .null: break
            default: throw FieldError("next_visit", "expected a date or {date, from, to}, got \(next.brief)")
            }
            if let nv = o.nextVisit, nv.date < visitedAt.localDate {
                throw FieldError("next_visit", "\(nv.date) is before the visit (\(visitedAt.localDate))")
            }
        }
        if let field = code.requiredField {
            let present: Bool = switch field {
            case "promise": o.promise != nil
            case "collected": o.collected != nil
            case "notes": !(o.notes ?? "").trimmingSpaces.isEmpty
            default: o.nextVisit != nil
            }
            if !present { throw FieldError(field, "required for code \(code.rawValue)") }
        }
        return o
    }

    private func payment(_ r: Reader) throws(FieldError) -> Payment {
        let id = try r.id("id")
        let account = try r.id("account_id")
        let amount = try r.requiredMoney("amount")
        if amount.minorUnits <= 0 { throw FieldError("amount", "must be more than 0, got \(amount.decimalText)") }
        var p = Payment(id: id, accountID: account, amount: amount, paidAt: try r.requiredInstant("paid_at"))
        if let now, p.paidAt.epochSeconds > now + 300 { throw FieldError("paid_at", "\(p.paidAt.text) is in the future") }
        p.reference = try r.optionalString("reference")
        p.channel = try r.optionalString("channel")
        return p
    }

    private func zone(_ r: Reader) throws(FieldError) -> Zone {
        Zone(id: try r.id("id"), name: try r.optionalString("name"), agentID: try r.optionalID("agent_id"))
    }
}
