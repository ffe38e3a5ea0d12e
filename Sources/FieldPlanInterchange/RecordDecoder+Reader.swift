import FieldPlanCore

extension RecordDecoder {
    /// Typed access to the members of one object, with errors that name the field
    /// (prefixed with its parent for nested objects: `break.minutes`).
    struct Reader {
        let object: JSONObject
        let prefix: String

        func name(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

        func value(_ key: String) -> JSONValue? {
            guard let v = object[key] else { return nil }
            if case .null = v { return nil }
            return v
        }

        func requiredString(_ key: String) throws(FieldError) -> String {
            guard let v = value(key) else { throw FieldError(name(key), "required") }
            guard case .string(let s) = v else { throw FieldError(name(key), "expected a string, got \(v.brief)") }
            return s
        }

        /// A required string with something in it besides spaces.
        func requiredText(_ key: String) throws(FieldError) -> String {
            let s = try requiredString(key)
            if s.isBlank { throw FieldError(name(key), "must not be empty") }
            return s
        }

        func optionalString(_ key: String) throws(FieldError) -> String? {
            guard let v = value(key) else { return nil }
            switch v {
            case .string(let s): return s
            case .number(let n) where key == "phone": return n
            default: throw FieldError(name(key), "expected a string, got \(v.brief)")
            }
        }

        /// An identifier: a non-empty string (a number is taken as its text), at most 128 bytes.
        func id(_ key: String) throws(FieldError) -> String {
            guard let v = value(key) else { throw FieldError(name(key), "required") }
            let s: String
            switch v {
            case .string(let t): s = t
            case .number(let n) where !n.contains(".") && !n.contains("e") && !n.contains("E"): s = n
            default: throw FieldError(name(key), "expected an id string, got \(v.brief)")
            }
            if s.isBlank { throw FieldError(name(key), "must not be empty") }
            if s.utf8.count > 128 { throw FieldError(name(key), "longer than 128 bytes") }
            return s
        }

        func optionalID(_ key: String) throws(FieldError) -> String? {
            value(key) == nil ? nil : try id(key)
        }

        func requiredMoney(_ key: String) throws(FieldError) -> Money {
            guard let v = value(key) else { throw FieldError(name(key), "required") }
            guard case .number(let n) = v else { throw FieldError(name(key), "expected a number, got \(v.brief)") }
            guard let m = Money(decimalText: n) else {
                try refuseExponent(key, n)
                throw FieldError(name(key), "expected an amount with at most two decimals, got \(n)")
            }
            return m
        }

        /// `1e5` is valid JSON, but money and counts are written out in full: saying "two
        /// decimals" about a number without any would send the user looking in the wrong place.
        /// Called only once the number was refused, so a good line pays nothing for it.
        func refuseExponent(_ key: String, _ n: String) throws(FieldError) {
            if n.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
                throw FieldError(name(key), "exponent notation is not accepted, got \(n); write the number out in full")
            }
        }

        func optionalDouble(_ key: String) throws(FieldError) -> Double? {
            guard let v = value(key) else { return nil }
            guard case .number(let n) = v, let d = Double(n), d.isFinite else { throw FieldError(name(key), "expected a number, got \(v.brief)") }
            return d
        }

        func optionalInt(_ key: String, _ range: ClosedRange<Int>) throws(FieldError) -> Int? {
            guard let v = value(key) else { return nil }
            guard case .number(let n) = v else { throw FieldError(name(key), "expected a whole number, got \(v.brief)") }
            guard let i = Int(n) else {
                try refuseExponent(key, n)
                throw FieldError(name(key), "expected a whole number, got \(n)")
            }
            guard range.contains(i) else { throw FieldError(name(key), "must be in \(range.lowerBound)...\(range.upperBound), got \(i)") }
            return i
        }

        func optionalBool(_ key: String) throws(FieldError) -> Bool? {
            guard let v = value(key) else { return nil }
            guard case .bool(let b) = v else { throw FieldError(name(key), "expected true or false, got \(v.brief)") }
            return b
        }

        func optionalDate(_ key: String) throws(FieldError) -> CivilDate? {
            guard let v = value(key) else { return nil }
            guard case .string(let s) = v, let d = CivilDate(s) else { throw FieldError(name(key), "expected a date YYYY-MM-DD, got \(v.brief)") }
            return d
        }

        func requiredTime(_ key: String) throws(FieldError) -> LocalTime {
            guard let v = value(key) else { throw FieldError(name(key), "required") }
            guard case .string(let s) = v, let t = LocalTime(s) else { throw FieldError(name(key), "expected a time HH:MM, got \(v.brief)") }
            return t
        }

        func requiredInstant(_ key: String) throws(FieldError) -> Instant {
            guard let v = value(key) else { throw FieldError(name(key), "required") }
            guard case .string(let s) = v, let t = Instant(s) else {
                throw FieldError(name(key), "expected an ISO 8601 instant with offset like 2026-11-30T10:15:00+03:00, got \(v.brief)")
            }
            return t
        }

        func currency(_ key: String) throws(FieldError) -> String? {
            guard let s = try optionalString(key) else { return nil }
            guard s.utf8.count == 3, s.utf8.allSatisfy({ (65...90).contains($0) }) else {
                throw FieldError(name(key), "expected an ISO 4217 code like KES, got \(JSONWriter.quoted(s))")
            }
            return s
        }

        func nested(_ key: String) throws(FieldError) -> Reader? {
            guard let v = value(key) else { return nil }
            guard case .object(let o) = v else { throw FieldError(name(key), "expected an object, got \(v.brief)") }
            return Reader(object: o, prefix: name(key))
        }

        /// `lat` and `lon` of this object: both or neither, and a real place.
        func coordinatePair() throws(FieldError) -> Coordinate? {
            let lat = try optionalDouble("lat")
            let lon = try optionalDouble("lon")
            switch (lat, lon) {
            case (nil, nil): return nil
            case (nil, _): throw FieldError(name("lat"), "required when lon is given (lat and lon come together)")
            case (_, nil): throw FieldError(name("lon"), "required when lat is given (lat and lon come together)")
            case let (la?, lo?):
                if let problem = Coordinate.problem(lat: la, lon: lo) { throw FieldError(name(problem.field), problem.reason) }
                return Coordinate(lat: la, lon: lo)!
            }
        }

        func nestedCoordinate(_ key: String) throws(FieldError) -> Coordinate? {
            guard let sub = try nested(key) else { return nil }
            guard let c = try sub.coordinatePair() else { throw FieldError(name(key), "needs lat and lon") }
            return c
        }

        /// A `{from, to}` window (or other member names), `to` not before `from`.
        func window(_ key: String, from f: String = "from", to t: String = "to") throws(FieldError) -> TimeWindow? {
            guard let sub = try nested(key) else { return nil }
            let from = try sub.requiredTime(f)
            let to = try sub.requiredTime(t)
            guard let w = TimeWindow(from: from, to: to) else { throw FieldError(sub.name(t), "\(to) is before \(f) \(from)") }
            return w
        }
    }
}
