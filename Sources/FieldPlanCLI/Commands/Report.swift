import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanReports
import Foundation

extension FieldPlanCommand {
    /// `fieldplan report daily|monthly|range`: the supervisor's KPIs (SPEC §7).
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "KPI reports: visits, contacts, promises, kept promises and money collected, per agent, zone or client.",
            discussion: """
                Days are the agency's local dates; every figure can be recomputed from fieldplan export \
                (definitions: docs/reports.md). Rates whose denominator is zero are null in JSON and n/a in text.
                """,
            subcommands: [Daily.self, Monthly.self, Range.self])

        struct Daily: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "One day's report.")
            @OptionGroup var options: ReportOptions
            @Option(help: "The day (YYYY-MM-DD).") var date: String
            func run() throws {
                guard let day = CivilDate(date) else { throw ValidationError("--date: expected YYYY-MM-DD, got \"\(date)\"") }
                try options.run(.day(day))
            }
        }

        struct Monthly: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "One month's report, with the daily trend, the previous month, the portfolio by days past due and the agents' ranking.")
            @OptionGroup var options: ReportOptions
            @Option(help: "The month (YYYY-MM).") var month: String
            func run() throws {
                guard let period = ReportPeriod(month: month) else { throw ValidationError("--month: expected YYYY-MM, got \"\(month)\"") }
                try options.run(period)
            }
        }

        struct Range: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The report of the days from one date to another, both included.")
            @OptionGroup var options: ReportOptions
            @Option(help: "The first day (YYYY-MM-DD).") var from: String
            @Option(help: "The last day (YYYY-MM-DD).") var to: String
            func run() throws {
                guard let first = CivilDate(from) else { throw ValidationError("--from: expected YYYY-MM-DD, got \"\(from)\"") }
                guard let last = CivilDate(to) else { throw ValidationError("--to: expected YYYY-MM-DD, got \"\(to)\"") }
                try options.run(.range(from: first, to: last))
            }
        }
    }
}

/// The options every report takes, and the one way a report is made and written.
struct ReportOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions
    @Option(help: "Rows by agent, zone or client (the total row is always there).") var by: ReportGrouping = .agent
    @Option(help: "text, csv, json or html (default: from the -o file's ending, else text).") var format: Format?
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @Option(help: "The moment the report is run, as an ISO 8601 instant (default: now); promises past their date are broken as of it.")
    var now: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv, json, html }

    func run(_ period: ReportPeriod) throws {
        var nowEpoch = Int64(Date().timeIntervalSince1970)
        if let now {
            guard let instant = Instant(now) else { throw ValidationError("--now: expected an ISO 8601 instant with offset, got \"\(now)\"") }
            nowEpoch = instant.epochSeconds
        }
        let db = try store.open()
        let report = try FieldPlanApp(store: db).report(period, by: by, nowEpoch: nowEpoch)
        let settings = try db.settings()
        let renderer = ReportRenderer(agencyName: settings.agencyName, currency: settings.currency, timeZone: settings.timeZone)
        let out = try OutputFile(path: output)
        defer { out.close() }
        let chosen = format ?? output.flatMap { path in Format.allCases.first { path.lowercased().hasSuffix("." + $0.rawValue) } }
            ?? .text
        switch chosen {
        case .text: out.write(renderer.text(report))
        case .csv: out.write(ReportEncoder.csv(report))
        case .json: out.writeLine(ReportEncoder.json(report))
        case .html: out.write(renderer.html(report))
        }
    }
}

extension ReportGrouping: ExpressibleByArgument {}
