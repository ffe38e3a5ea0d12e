import Foundation
import Testing

/// The repository stands on its own: the user's docs name every command, and no link in
/// `docs/` points outside the repository or to a heading that does not exist.
@Suite struct DocsTests {
    static let docs = CLIHarness.repository + "/docs"

    static func markdownFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: docs).filter { $0.hasSuffix(".md") }.sorted()
    }

    /// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes.
    static func anchor(_ heading: String) -> String {
        String(heading.lowercased().compactMap { ch -> Character? in
            if ch == " " { return "-" }
            return ch.isLetter || ch.isNumber || ch == "-" || ch == "_" ? ch : nil
        })
    }

    static func anchors(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").filter { $0.hasPrefix("#") }.map { anchor($0.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)) })
    }

    /// `[text](target)` targets, code spans left out.
    static func links(_ text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "](") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: ")") else { break }
            out.append(String(after[..<close]))
            rest = after[close...]
        }
        return out
    }

    @Test func linksStayInsideTheRepository() throws {
        let files = try Self.markdownFiles()
        #expect(files.contains("reference.md"))
        for file in files {
            let text = try String(contentsOfFile: Self.docs + "/" + file, encoding: .utf8)
            #expect(!text.contains("SPEC §") && !text.contains("../shared"), "\(file) points at the product contract, which a clone does not have")
            for link in Self.links(text) {
                #expect(!link.contains("://"), "\(file): \(link) leaves the repository")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? file : parts[0]
                let path = URL(fileURLWithPath: Self.docs + "/" + target).standardized.path
                #expect(path.hasPrefix(CLIHarness.repository + "/"), "\(file): \(link) leaves the repository")
                #expect(FileManager.default.fileExists(atPath: path), "\(file): \(link) names no file")
                if parts.count == 2, target.hasSuffix(".md"), let linked = try? String(contentsOfFile: path, encoding: .utf8) {
                    #expect(Self.anchors(linked).contains(parts[1]), "\(file): \(link) names no heading of \(target)")
                }
            }
        }
    }

    /// Every command `fieldplan --help` lists has an entry in docs/reference.md.
    @Test func theReferenceNamesEveryCommand() throws {
        let help = try CLIHarness().run(["--help"]).stdout
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("SUBCOMMANDS:") })
        let block = lines[(start + 1)...].prefix { !$0.isEmpty }
        let commands = block.compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(commands.count > 15, "\(commands)")
        let reference = try String(contentsOfFile: Self.docs + "/reference.md", encoding: .utf8)
        for command in commands { #expect(reference.contains("`fieldplan \(command)"), "docs/reference.md has no entry for \(command)") }
    }
}
