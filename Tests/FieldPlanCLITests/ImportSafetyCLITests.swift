import Foundation
import Testing

/// Issue 11 end to end: partial client files keep what they leave out, bad headers and empty
/// inputs stop with one line, messages tell warnings from rejects, and `fieldplan rejects`
/// follows corrections.
@Suite(.serialized)
struct ImportSafetyCLITests {
    static let header = "id,client,debtor_name,balance,phone,national_id,address,lat,lon"
    static let full = header + "\nA1,Jamii Bank,Achieng,1500,+254712345678,35879931,Kibera Rd,-1.29,36.82\n"

    @Test func aPartialCSVKeepsWhatItLeavesOutAndTheAuditSaysWhatChanged() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("accounts.csv", Self.full)
        cli.write("accounts-update.csv", "id,client,debtor_name,balance,phone,national_id\nA1,Jamii Bank,Achieng,1200,,11112222\n")
        #expect(try cli.run(["import", "accounts.csv"]).status == 0)
        let update = try cli.run(["import", "accounts-update.csv"])
        #expect(update.status == 0, "\(update.stderr)")
        let list = try cli.run(["accounts", "list", "--format", "csv"])
        #expect(list.stdout.contains("A1,Jamii Bank,Achieng,1200,,,open,,Kibera Rd,-1.29,36.82"), "\(list.stdout)")
        let audit = try cli.run(["audit", "--account", "A1"])
        let rows = audit.stdout.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("balance") && $0.contains("1500") && $0.contains("1200") && $0.hasSuffix("accounts-update.csv:2") })
        #expect(rows.contains { $0.contains("phone") && $0.contains("+254712345678") && $0.hasSuffix("accounts-update.csv:2") })
        #expect(rows.contains { $0.contains("national_id") && $0.contains("(masked)") })
        #expect(!audit.stdout.contains("35879931") && !audit.stdout.contains("11112222"))
        #expect(!audit.stdout.contains("address"))
    }

    @Test func anUnknownColumnIsOneLineAndNothingIsImported() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("accounts.csv", Self.full)
        cli.write("accounts-b.csv", "id,client,debtor_name,balance,phone_no\nA1,Jamii Bank,Achieng,1500,+254799999999\nA2,Jamii Bank,Otieno,10,\n")
        #expect(try cli.run(["import", "accounts.csv"]).status == 0)
        let refused = try cli.run(["import", "accounts-b.csv"])
        #expect(refused.status == 1)
        #expect(refused.stderr == #"fieldplan: accounts-b.csv:1: unknown column "phone_no" (did you mean "phone"?); nothing was imported (fix the header, or pass --ignore-unknown-columns to skip such columns)"# + "\n")
        #expect(try cli.run(["accounts", "list", "--format", "csv"]).stdout.split(separator: "\n").count == 2)
        let ignored = try cli.run(["import", "--ignore-unknown-columns", "accounts-b.csv"])
        #expect(ignored.status == 0)
        #expect(ignored.stderr.hasPrefix(#"warning: accounts-b.csv:1: unknown column "phone_no" (did you mean "phone"?) ignored"#))
        let export = try cli.run(["export", "--kind", "account"]).stdout
        #expect(export.contains(#""id":"A1""#) && export.contains(#""phone":"+254712345678""#) && export.contains(#""id":"A2""#))
        let audit = try cli.run(["audit", "--account", "A1"])
        #expect(!audit.stdout.contains("phone"), "the ignored column changed nothing")
    }

    @Test func aMissingRequiredColumnIsOneLineForTheFile() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("accounts.csv", "id,client,phone\n" + (1...20).map { "A\($0),Jamii Bank,+2547000000\($0)" }.joined(separator: "\n"))
        let result = try cli.run(["import", "accounts.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == "fieldplan: accounts.csv:1: the header lacks the required columns debtor_name, balance (an account needs id, client, debtor_name, balance); nothing was imported\n")
    }

    @Test func emptyInputsAndDirectoriesAreNamed() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("empty.ndjson", "")
        cli.write("accounts-header.csv", "id,client,debtor_name,balance\n")
        cli.write("accounts.csv", Self.full)
        let empty = try cli.run(["import", "empty.ndjson"])
        #expect(empty.status == 1)
        #expect(empty.stderr == "fieldplan: no records in empty.ndjson; nothing was imported\n")
        let header = try cli.run(["import", "accounts-header.csv", "accounts.csv"])
        #expect(header.status == 0)
        #expect(header.stderr == "warning: no records in accounts-header.csv\n")
        try FileManager.default.createDirectory(atPath: cli.folder + "/data", withIntermediateDirectories: true)
        let directory = try cli.run(["import", "data"])
        #expect(directory.status == 1)
        #expect(directory.stderr == "fieldplan: data: is a directory, not a file (name the files in it)\n")
    }

    @Test func warningsAreNotCalledRejects() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("accounts-a.csv", "id,client,debtor_name,balance\nA1,C,D,1\nA2,C,D,1\n")
        cli.write("accounts-b.csv", "id,client,debtor_name,balance\nA1,C,D,2\nA2,C,D,2\nA3,C,D,1e5\nA4,C,D,x\n")
        let result = try cli.run(["import", "--show-errors", "1", "accounts-a.csv", "accounts-b.csv"])
        #expect(result.status == 3)
        #expect(result.stderr.split(separator: "\n") == [
            "accounts-b.csv:4: balance: exponent notation is not accepted, got 1e5; write the number out in full",
            "… and 1 more rejected line (fieldplan rejects lists them all)",
            "… and 2 more warnings",
        ])
        let all = try cli.run(["import", "accounts-a.csv", "accounts-b.csv"])
        #expect(all.stderr.contains(#"warning: accounts-b.csv:2: id: account "A1" also on accounts-a.csv:2; the last line wins"#))
    }

    @Test func rejectsFollowCorrectionsAndCanBeCleared() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        cli.write("monday.csv", "kind,id,client,debtor_name,balance\naccount,A1,C,D,\"1,500\"\naccount,A2,C,D,x\n")
        cli.write("tuesday.csv", "kind,id,client,debtor_name,balance\naccount,A1,C,D,1500\n")
        #expect(try cli.run(["import", "monday.csv"]).status == 3)
        let fixed = try cli.run(["import", "tuesday.csv"])
        #expect(fixed.status == 0)
        #expect(fixed.stdout.contains("1 earlier rejected line was corrected (resolved)"))
        #expect(try cli.run(["rejects"]).stdout == #"monday.csv:3: balance: expected a number, got "x""# + "\n")
        let all = try cli.run(["rejects", "--all"]).stdout.split(separator: "\n")
        #expect(all == [#"resolved  monday.csv:2: balance: expected a number, got "1,500""#, #"open      monday.csv:3: balance: expected a number, got "x""#])
        let json = try cli.run(["rejects", "--all", "--format", "json"]).stdout.split(separator: "\n")
        #expect(json.count == 2)
        #expect(json.first?.contains(#""record_kind":"account","record_id":"A1","state":"resolved","rejected_at":""#) == true)
        let kept = try cli.run(["rejects", "clear", "--before", "2020-01-01"])
        #expect(kept.stdout.hasPrefix("deleted 0 rejected lines recorded before 2020-01-01T00:00:00"))
        let cleared = try cli.run(["rejects", "clear", "--before", "2099-01-01T00:00:00+03:00"])
        #expect(cleared.stdout == "deleted 2 rejected lines recorded before 2099-01-01T00:00:00+03:00\n", "\(cleared.stdout)")
        #expect(try cli.run(["rejects", "--all"]).stdout.isEmpty)
        let bad = try cli.run(["rejects", "clear", "--before", "soon"])
        #expect(bad.status == 1 && bad.stderr.contains("--before: expected an instant"))
    }
}
