import FieldPlanCore
import FieldPlanRendering

/// Fixed and random route sheets for the renderer tests.
///
/// The fixed one is the golden-file sample: seven visits and a break around Kilimani and
/// Kibera, a masked phone, a debtor whose name holds every character HTML must escape, a
/// note with a comma, quotes and a line break, and an appointment that could not be planned.
enum SampleRouteSheet {
    static func t(_ text: String) -> LocalTime { LocalTime(text)! }
    static func c(_ lat: Double, _ lon: Double) -> Coordinate { Coordinate(lat: lat, lon: lon)! }
    static func kes(_ text: String) -> Money { Money(decimalText: text)! }

    static let trickyName = #"Otieno "Baba O" <O'Brien & Sons>"#

    static var sheet: RouteSheet {
        let stops: [RouteSheet.Stop] = [
            .init(number: 1, isBreak: false, eta: t("08:24"), etd: t("08:39"), windowFrom: t("08:00"), windowTo: t("10:00"),
                  reason: "appointment", accountID: "SAF-100231", debtorName: "Mary Wanjiru Kamau", client: "Safaricom Home",
                  address: "Hse 14, Argwings Kodhek Rd, Kilimani", phone: "+254712345321", balance: kes("48250.5"),
                  daysPastDue: 63, lastOutcome: "NOT_HOME 2026-11-27", notes: "Appointment AP-1004 at 08:30",
                  location: c(-1.2938, 36.7842), legKm: 1.93),
            .init(number: 2, isBreak: false, eta: t("08:51"), etd: t("09:06"), windowFrom: t("08:00"), windowTo: t("18:00"),
                  reason: "promise_due", accountID: "KCB-104517", debtorName: trickyName, client: "KCB Bank",
                  address: "Flat 3B, Yaya Towers, Kindaruma Rd", phone: "+2547•••••321", balance: kes("1250000"),
                  daysPastDue: 121, lastOutcome: "PTP 2026-11-20", promiseDue: "2026-12-01 KES 5,000.00",
                  notes: "Gate code 4471, ask for \"Mama Njeri\"\nDog in the compound", location: c(-1.2897, 36.7905), legKm: 1.12),
            .init(number: 3, isBreak: false, eta: t("09:20"), etd: t("09:35"), windowFrom: t("09:00"), windowTo: t("12:00"),
                  reason: "broken_promise", accountID: "EQT-100088", debtorName: "Joseph Mwangi", client: "Equity Credit",
                  address: "Plot 221, Ngong Road, opposite the Nakumatt Junction petrol station, 2nd gate on the left",
                  balance: kes("7800"), daysPastDue: 45, lastOutcome: "PTP 2026-11-14", promiseDue: "2026-11-28 KES 2,000.00 (broken)",
                  location: c(-1.2995, 36.7762), legKm: 1.48),
            .init(number: 4, isBreak: false, eta: t("09:58"), etd: t("10:13"), windowFrom: t("08:00"), windowTo: t("18:00"),
                  reason: "callback", accountID: "SAF-103377", debtorName: "Fatuma Abdi Hassan", client: "Safaricom Home",
                  address: "Olympic Estate, Kibera, near the chief's camp", phone: "+2547•••••908", balance: kes("3150.75"),
                  daysPastDue: 30, lastOutcome: "CALLBACK 2026-11-24", notes: "Asked to be visited after 09:30",
                  location: c(-1.3121, 36.7869), legKm: 2.05),
            .init(number: nil, isBreak: true, eta: t("12:30"), etd: t("13:00"), reason: "break", legKm: 0),
            .init(number: 5, isBreak: false, eta: t("13:14"), etd: t("13:29"), windowFrom: t("08:00"), windowTo: t("18:00"),
                  reason: "priority", accountID: "KCB-108861", debtorName: "Peter Odhiambo Ouma", client: "KCB Bank",
                  address: "Laini Saba, Kibera", balance: kes("61400"), daysPastDue: 210, lastOutcome: "REFUSED 2026-10-02",
                  location: c(-1.3169, 36.7824), legKm: 0.71),
            .init(number: 6, isBreak: false, eta: t("13:40"), etd: t("13:55"), windowFrom: t("13:00"), windowTo: t("16:00"),
                  reason: "priority", accountID: "EQT-101942", debtorName: "Grace Nyambura", client: "Equity Credit",
                  address: "Woodley Estate, Joseph Kangethe Rd", balance: kes("12999.99"), daysPastDue: 88,
                  location: c(-1.3031, 36.7798), legKm: 1.62),
            .init(number: 7, isBreak: false, eta: t("14:12"), etd: t("14:27"), windowFrom: t("08:00"), windowTo: t("18:00"),
                  reason: "priority", accountID: "SAF-105560", debtorName: "Ali Hassan", client: "Safaricom Home",
                  address: "Lenana Rd, Kilimani", phone: "+2547•••••117", balance: kes("920"), daysPastDue: 15,
                  notes: "Works nights; mornings best", location: c(-1.2962, 36.7951), legKm: 1.88),
        ]
        return RouteSheet(
            agencyName: "Harambee Recoveries & Co. Ltd", date: CivilDate("2026-12-01")!, agentID: "AG07",
            agentName: "Grace Achieng'", zones: ["Z03 Kilimani", "Z04 Kibera"], base: c(-1.2921, 36.7837),
            start: t("08:00"), end: t("14:41"), travelKm: 12.36, travelMinutes: 97, planVersion: 4, currency: "KES",
            stops: stops,
            unplanned: [.init(accountID: "KCB-102204", debtorName: "Samuel Kiprono",
                              reason: "appointment 17:30-18:00 is after the shift ends (17:00); phone to rearrange")])
    }

    /// A random sheet with awkward values (long words and names, markup, quotes, commas,
    /// line breaks, missing fields and locations) for the property checks.
    static func random(seed: UInt64) -> RouteSheet {
        var rng = SeededGenerator(seed: seed)
        let nasty = ["<script>alert(1)</script>", "a & b", "\"quoted\"", "O'Neil", "comma, here", "line\nbreak",
                     "=HYPERLINK(\"http://x\")", "Supercalifragilisticexpialidocious-Street-Without-Spaces-Anywhere-At-All",
                     "Ünïcödé Ñame 李小龍", "김민준", "東京都渋谷区神南一丁目二十三番十号ベルサイド渋谷ビル四階", "", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)"]
        func text(_ words: Int) -> String {
            (0..<Int.random(in: 1...words, using: &rng)).map { _ in
                Bool.random(using: &rng) ? nasty.randomElement(using: &rng)! : "word\(Int.random(in: 0..<1000, using: &rng))"
            }.joined(separator: " ")
        }
        let count = Int.random(in: 0...25, using: &rng)
        let breakAt = Int.random(in: 0...max(0, count), using: &rng)
        var stops: [RouteSheet.Stop] = []
        var clock = 8 * 60
        var number = 0
        for i in 0...count {
            if i == breakAt {
                stops.append(.init(number: nil, isBreak: true, eta: LocalTime(minutes: clock), etd: LocalTime(minutes: clock + 30),
                                   reason: "break"))
                clock += 30
            }
            guard i < count else { break }
            number += 1
            let located = Int.random(in: 0..<10, using: &rng) > 0
            stops.append(.init(
                number: number, isBreak: false, eta: LocalTime(minutes: clock), etd: LocalTime(minutes: clock + 15),
                windowFrom: Bool.random(using: &rng) ? LocalTime(minutes: 480) : nil, windowTo: LocalTime(minutes: 1080),
                reason: ["appointment", "promise_due", "broken_promise", "callback", "priority"].randomElement(using: &rng)!,
                accountID: "ACC-\(number)", debtorName: text(8), client: text(3), address: text(12),
                phone: Bool.random(using: &rng) ? "+2547•••••\(Int.random(in: 100...999, using: &rng))" : nil,
                balance: Money(minorUnits: Int64.random(in: 0...9_999_999_999, using: &rng)),
                daysPastDue: Int.random(in: 0...2000, using: &rng), lastOutcome: text(3), promiseDue: text(3), notes: text(20),
                location: located ? Coordinate(lat: -1.3 + Double.random(in: -0.1...0.1, using: &rng),
                                               lon: 36.8 + Double.random(in: -0.1...0.1, using: &rng)) : nil,
                legKm: Double.random(in: 0...30, using: &rng)))
            clock += 25
        }
        let unplanned = (0..<Int.random(in: 0...3, using: &rng)).map { k in
            RouteSheet.Unplanned(accountID: k == 2 ? String(repeating: "UNPLANNED-", count: 15) : "UNP-\(k)", debtorName: text(5), reason: text(10))
        }
        return RouteSheet(agencyName: text(6), date: CivilDate("2026-11-30")!, agentID: "AG<\(seed)>", agentName: text(4),
                          zones: [text(2), text(2)], base: Coordinate(lat: -1.29, lon: 36.78)!, start: LocalTime(minutes: 480),
                          end: LocalTime(minutes: clock), travelKm: Double.random(in: 0...200, using: &rng),
                          travelMinutes: Int.random(in: 0...600, using: &rng), planVersion: Int.random(in: 1...99, using: &rng),
                          currency: "KES", stops: stops, unplanned: unplanned)
    }
}
