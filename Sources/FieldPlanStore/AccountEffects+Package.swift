import FieldPlanCore

/// What the other engine's sync (the PostgreSQL store, issue 17) needs to hand an account
/// and its history to the same pure fold (`AccountFold`): memberwise initializers stay
/// internal to this module, so these pass every field on unchanged.
extension AccountEffects.Fact {
    package static func make(id: String, agent: String, at: String, epoch: Int64, code: OutcomeCode?, contact: String?,
                             promiseAmount: Int64?, promiseDate: CivilDate?, collected: Int64?, receipt: String?, nextDate: String?,
                             nextFrom: String?, nextTo: String?, run: Int64, flagged: String?, source: String?, line: Int?) -> Self {
        Self(id: id, agent: agent, at: at, epoch: epoch, day: String(at.prefix(10)), code: code, contact: contact,
             promiseAmount: promiseAmount, promiseDate: promiseDate, collected: collected, receipt: receipt, nextDate: nextDate,
             nextFrom: nextFrom, nextTo: nextTo, run: run, flagged: flagged, source: source, line: line, rowid: 0)
    }
}

extension AccountEffects.PaymentRow {
    package static func make(id: String, amount: Int64, at: String, epoch: Int64, reference: String?, run: Int64, channel: String?,
                             source: String?, line: Int?) -> Self {
        Self(id: id, amount: amount, at: at, epoch: epoch, reference: reference, run: run, channel: channel, source: source, line: line)
    }
}

extension AccountEffects.State {
    package static func make(balance: Int64, status: String, lat: Double?, lon: Double?, holdUntil: String?) -> Self {
        Self(balance: balance, status: status, lat: lat, lon: lon, holdUntil: holdUntil)
    }
}

extension AccountEffects.AccountRow {
    package static func make(id: String, old: AccountEffects.State, clientBalance: Int64, clientStatus: String, clientLat: Double?,
                             clientLon: Double?, balanceRun: Int64, statusRun: Int64, locationRun: Int64, zoneAgent: String?) -> Self {
        Self(id: id, old: old, clientBalance: clientBalance, clientStatus: clientStatus, clientLat: clientLat, clientLon: clientLon,
             balanceRun: balanceRun, statusRun: statusRun, locationRun: locationRun, zoneAgent: zoneAgent, hasStoredFacts: true)
    }
}

extension AccountEffects.History {
    package static func make(account: AccountEffects.AccountRow, outcomes: [AccountEffects.Fact], payments: [AccountEffects.PaymentRow],
                             storedPromises: [String: (state: String, paid: Int64, partial: Bool)],
                             clearance: (fact: String, state: String)?, callbackAppointments: [String]) -> Self {
        var h = Self(account: account)
        h.outcomes = outcomes
        h.payments = payments
        h.storedPromises = storedPromises
        h.clearance = clearance
        h.callbackAppointments = callbackAppointments
        return h
    }
}
