import FieldPlanCore

extension RecordDecoder {
    /// The optional fields of `record` that `object` left out, as opposed to sent as `null`.
    /// Outcomes and payments are facts, stored once as they came: they have no mask.
    public static func absentFields(of record: Record, in object: JSONObject) -> AbsentFields {
        switch record {
        case .account(let a): absentFields(of: a, in: object)
        case .agent(let a): absentFields(of: a, in: object)
        case .appointment(let a): absentFields(of: a, in: object)
        case .zone(let z): absentFields(of: z, in: object)
        case .outcome, .payment: []
        }
    }

    /// Only fields that decoded to nil are looked up: a full line costs no lookup at all.
    /// - Complexity: O(members) per optional field that is nil.
    static func absentFields(of a: Account, in object: JSONObject) -> AbsentFields {
        var absent: AbsentFields = []
        func check(_ isNil: Bool, _ key: String, _ bit: AbsentFields) {
            if isNil && object[key] == nil { absent.insert(bit) }
        }
        check(a.currency == nil, "currency", .currency)
        check(a.phone == nil, "phone", .phone)
        check(a.email == nil, "email", .email)
        check(a.nationalID == nil, "national_id", .nationalID)
        check(a.address == nil, "address", .address)
        if a.location == nil && object["lat"] == nil && object["lon"] == nil { absent.insert(.location) }
        check(a.daysPastDue == nil, "days_past_due", .daysPastDue)
        check(a.visitWindow == nil, "visit_window", .visitWindow)
        check(a.serviceMinutes == nil, "service_minutes", .serviceMinutes)
        check(a.notes == nil, "notes", .notes)
        check(a.noVisitBefore == nil, "no_visit_before", .noVisitBefore)
        check(a.maxVisitsPerMonth == nil, "max_visits_per_month", .maxVisitsPerMonth)
        return absent
    }

    static func absentFields(of a: Agent, in object: JSONObject) -> AbsentFields {
        var absent: AbsentFields = []
        func check(_ isNil: Bool, _ key: String, _ bit: AbsentFields) {
            if isNil && object[key] == nil { absent.insert(bit) }
        }
        check(a.phone == nil, "phone", .phone)
        check(a.days == nil, "days", .days)
        check(a.breakRule == nil, "break", .breakRule)
        check(a.maxVisits == nil, "max_visits", .maxVisits)
        check(a.active == nil, "active", .active)
        return absent
    }

    static func absentFields(of a: Appointment, in object: JSONObject) -> AbsentFields {
        a.agentID == nil && object["agent_id"] == nil ? .agentID : []
    }

    static func absentFields(of z: Zone, in object: JSONObject) -> AbsentFields {
        var absent: AbsentFields = []
        if z.name == nil && object["name"] == nil { absent.insert(.name) }
        if z.agentID == nil && object["agent_id"] == nil { absent.insert(.agentID) }
        return absent
    }
}
