import Crypto
import Foundation

/// Bearer tokens for the service's write routes: 32 random bytes, URL-safe Base64 with a
/// `bw_` prefix. The store keeps only their SHA-256 (tokens are random, so a plain hash
/// resists guessing as well as a slow one would).
public enum APIToken {
    /// The scopes a token may carry.
    public static let scopes = ["ingest", "ack"]

    /// A new token and the hash to store.
    public static func generate() -> (token: String, sha256: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = "bw_" + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (text, hash(text))
    }

    /// Lower-case hex SHA-256 of the token text.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
