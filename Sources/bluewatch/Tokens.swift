import ArgumentParser
import BlueWatchCore
import BlueWatchExport
import BlueWatchService
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct Tokens: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make, list and revoke the bearer tokens of the HTTP service's write routes.",
            discussion: """
                POST /ingest needs a token with the scope 'ingest', POST /alerts/{id}/ack one with \
                'ack'. The token is printed once; the store keeps only its SHA-256, so a lost token \
                cannot be shown again: revoke it and make another.

                Examples:
                  bluewatch tokens create --name tonga-met-uploader --scope ingest
                  bluewatch tokens list
                  bluewatch tokens revoke tonga-met-uploader
                """,
            subcommands: [Create.self, List.self, Revoke.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Make a token and print it (once).")
            @OptionGroup var store: StoreOptions
            @Option(help: "Who or what holds it (unique).") var name: String
            @Option(help: ArgumentHelp("What it may do: ingest, ack (repeat for both; default both).", valueName: "scope"))
            var scope: [String] = []

            func validate() throws {
                guard !name.isEmpty, name.count <= 100, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
                    throw ValidationError("--name must be 1–100 letters, digits, '-', '_', '.', '@'")
                }
                for s in scope where !APIToken.scopes.contains(s) { throw ValidationError("--scope must be one of \(APIToken.scopes.joined(separator: ", ")), not '\(s)'") }
            }

            func run() throws {
                try reporting {
                    let db = try store.openStore(try store.resources(), creating: true)
                    let (token, hash) = APIToken.generate()
                    let scopes = scope.isEmpty ? APIToken.scopes : Array(Set(scope)).sorted()
                    do { _ = try db.addToken(name: name, sha256: hash, scopes: scopes, at: Date().timeIntervalSince1970) } catch let error as StoreError {
                        throw CLIError.data(error.description)
                    }
                    Console.error("bluewatch: token '\(name)' (\(scopes.joined(separator: " "))) made; it is shown this once:")
                    Console.line(token)
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List tokens (names, scopes, use; never the tokens).")
            @OptionGroup var store: StoreOptions
            @Option(help: "Output: table or json.") var format: SummaryFormat = .table

            func validate() throws {
            }

            func run() throws {
                try reporting {
                    let tokens = try store.openStore(try store.resources()).tokens()
                    if format == .json {
                        struct Item: Encodable { var name: String; var scopes: [String]; var created: String; var lastUsed: String?; var revoked: String? }
                        try Console.json(tokens.map { Item(name: $0.name, scopes: $0.scopeList, created: UTCTime.iso($0.createdAt.rounded()),
                                                       lastUsed: $0.lastUsedAt.map { UTCTime.iso($0.rounded()) }, revoked: $0.revokedAt.map { UTCTime.iso($0.rounded()) }) })
                        return
                    }
                    let rows = tokens.map { [$0.name, $0.scopes, UTCTime.iso($0.createdAt.rounded()), $0.lastUsedAt.map { UTCTime.iso($0.rounded()) } ?? "never",
                                             $0.revokedAt.map { "revoked " + UTCTime.iso($0.rounded()) } ?? "live"] }
                    Console.out(TextTable.render(header: ["name", "scopes", "created", "last used", "state"], rows: rows))
                }
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Revoke a token by name; the service refuses it from then on.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The token's name.") var name: String

            func run() throws {
                try reporting {
                    guard try store.openStore(try store.resources()).revokeToken(name: name, at: Date().timeIntervalSince1970) else {
                        throw CLIError.data("no live token named '\(name)'")
                    }
                    Console.line("token '\(name)' revoked")
                }
            }
        }
    }
}
