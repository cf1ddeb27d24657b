import ArgumentParser
import BlueWatchCore
import BlueWatchWorkflows
import Foundation

extension BlueWatch.Alerts {
    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "POST CAP messages to a webhook, with retries and back-off, never holding up `alerts run`.",
            discussion: """
                Sends every CAP message released to the outbox (quiet hours respected) that this \
                endpoint has not yet accepted, oldest first, as application/cap+xml with the CAP \
                identifier in the X-CAP-Identifier header (receivers can de-duplicate on it). A 2xx \
                answer marks it delivered there; anything else is retried after 1, 2, 4 … up to 60 \
                minutes, at most --max-attempts times. Run it from its own cron line, beside \
                `alerts run`:
                  * * * * *  bluewatch alerts run --no-wait
                  * * * * *  bluewatch alerts deliver --webhook https://hub.example/cap --no-wait

                Its own lock (DB.deliver.lock) keeps two deliveries from sending the same message; \
                a slow endpoint never delays alert evaluation. Prints nothing when there is nothing \
                to send. Exit status: 0 all sent (or nothing due); 1 some attempts failed (they will \
                be retried); 2 bad options; 75 another delivery holds the lock (--no-wait).
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("The endpoint to POST each CAP message to (http or https).", valueName: "url"))
        var webhook: String

        @Option(name: .customLong("max-attempts"), help: ArgumentHelp("Give a message up after this many failed attempts.", valueName: "n"))
        var maxAttempts = 8

        @Option(help: ArgumentHelp("Seconds to wait for each answer.", valueName: "s"))
        var timeout = 10.0

        @Option(help: ArgumentHelp("Deliver as of this time (ISO UTC) instead of now (tests, catching up).", valueName: "time"))
        var now: String?

        @Flag(help: "Exit 75 at once if another delivery holds the lock, instead of waiting.")
        var noWait = false

        func validate() throws {
            guard let url = URL(string: webhook), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--webhook must be an http(s) URL")
            }
            guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
            guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
            if let now, UTCTime.parse(now) == nil { throw ValidationError("--now '\(now)' is not an ISO UTC time") }
        }

        func run() throws {
            try reporting {
                let db = try store.openStore(try store.resources())
                let at = now.flatMap { UTCTime.parse($0) } ?? Date().timeIntervalSince1970
                let delivery = WebhookDelivery(endpoint: URL(string: webhook)!, maxAttempts: maxAttempts, timeout: timeout)
                let attempts = try delivery.run(store: db, now: at, wait: !noWait) { a in
                    if a.delivered {
                        Console.line("SENT    \(a.identifier) → \(webhook) (\(a.detail))")
                    } else {
                        let then = a.retryAt.map { "retry after \(UTCTime.iso($0))" } ?? "gave up after \(a.attempts) attempts"
                        Console.line("FAILED  \(a.identifier) → \(webhook): \(a.detail); \(then)")
                    }
                }
                if attempts.contains(where: { !$0.delivered }) { throw ExitCode(1) }
            }
        }
    }
}
