import ArgumentParser
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanServer
import FieldPlanStore
import Foundation

extension FieldPlanCommand {
    /// `fieldplan users add|list|revoke`: who may call the HTTP service (SPEC §8).
    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Users of the HTTP service and their bearer tokens.",
            discussion: "A token is printed once, by users add; the store keeps only its SHA-256 (docs/service.md).",
            subcommands: [Add.self, List.self, Revoke.self], defaultSubcommand: List.self)

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a user and print its new token, once.",
                discussion: "A supervisor may do everything; an agent only its own day, as the agent named by --agent.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The user's name (letters, digits, . _ - @; at most 64).") var name: String
            @Option(help: "supervisor or agent.") var role: StoredUser.Role
            @Option(help: "The agent an agent user acts as (an existing agent id).") var agent: String?

            func run() throws {
                let token = AccessToken.random()
                do {
                    try store.open().addUser(name: name, role: role, agentID: agent, tokenHash: token.hash)
                } catch let error as UserStoreError {
                    throw CommandFailure(error.description)
                }
                print(token.text)
                Terminal.error("user \(name) (\(role.rawValue)\(agent.map { ", agent \($0)" } ?? "")) added; the token above is shown only now")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List users: name, role, agent, created, revoked (never a token).")
            @OptionGroup var store: StoreOptions
            @Option(help: "text or json (one object per line).") var format: ListFormat = .text

            func run() throws {
                let db = try store.open()
                let users = try db.users()
                let clock = try db.clock()
                switch format {
                case .json:
                    for u in users {
                        var w = JSONWriter()
                        w.string("kind", "user")
                        w.string("name", u.name)
                        w.string("role", u.role.rawValue)
                        w.string("agent_id", u.agentID)
                        w.string("created_at", clock.instant(u.createdAt).text)
                        w.string("revoked_at", u.revokedAt.map { clock.instant($0).text })
                        print(w.finish())
                    }
                case .csv:
                    print("name,role,agent_id,created_at,revoked_at")
                    for u in users {
                        print([u.name, u.role.rawValue, u.agentID ?? "", clock.instant(u.createdAt).text,
                               u.revokedAt.map { clock.instant($0).text } ?? ""].map(CSV.cell).joined(separator: ","))
                    }
                case .text:
                    if users.isEmpty { print("no users; fieldplan users add NAME --role supervisor"); return }
                    var table = TextTable(["name", "role", "agent", "created", "revoked"])
                    for u in users {
                        table.add([u.name, u.role.rawValue, u.agentID ?? "", clock.shortText(u.createdAt), u.revokedAt.map { clock.shortText($0) } ?? ""])
                    }
                    print(table.render())
                }
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a user's token: from now on it gets 401.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The user's name.") var name: String

            func run() throws {
                do {
                    try store.open().revokeUser(name: name)
                } catch let error as UserStoreError {
                    throw CommandFailure(error.description)
                }
                print("revoked \(name)")
            }
        }
    }
}

extension StoredUser.Role: ExpressibleByArgument {}
