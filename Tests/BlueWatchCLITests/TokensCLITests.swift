import BlueWatchTesting
import Foundation
import Testing

/// `bluewatch tokens`: a token is printed once, listed without its text, refused names and
/// scopes give usage errors, revoking twice fails.
struct TokensCLITests {
    let dir = TemporaryDirectory()

    @Test("tokens create, list (json) and revoke")
    func lifecycle() throws {
        let cli = CommandRunner(database: dir.file("t.sqlite"))
        let made = try cli.run(["tokens", "create", "--name", "tonga-met", "--scope", "ingest"])
        #expect(made.status == 0, "\(made.stderr)")
        let token = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("bw_") && made.stderr.contains("shown this once"))
        #expect(try cli.run(["tokens", "create", "--name", "tonga-met"]).status == 1, "names are unique")
        #expect(try cli.run(["tokens", "create", "--name", "x", "--scope", "admin"]).status == 64)
        #expect(try cli.run(["tokens", "create", "--name", "a b"]).status == 64)
        let list = try cli.run(["tokens", "list", "--format", "json"])
        #expect(list.status == 0 && !list.stdout.contains(token) && !list.stdout.contains(String(token.dropFirst(3).prefix(20))))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 1 && items[0]["scopes"] as? [String] == ["ingest"] && items[0]["revoked"] == nil)
        #expect(try cli.run(["tokens", "revoke", "tonga-met"]).status == 0)
        #expect(try cli.run(["tokens", "revoke", "tonga-met"]).status == 1)
        #expect(try cli.run(["tokens", "list"]).stdout.contains("revoked"))
    }
}
