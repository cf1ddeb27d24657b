import ArgumentParser
import BlueWatchCore
import BlueWatchStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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

        /// The wait before attempt k + 1 after k failures: 1, 2, 4, … minutes, at most an hour.
        static func backoff(afterFailures k: Int) -> Double { min(3600, 60 * pow(2, Double(max(0, k - 1)))) }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let db = try store.openStore(resources)
                guard let lock = try db.runLock(kind: "deliver", wait: !noWait) else { throw ExitCode(75) }
                defer { withExtendedLifetime(lock) {} }
                let at = now.flatMap { UTCTime.parse($0) } ?? Date().timeIntervalSince1970
                let url = URL(string: webhook)!
                var failures = 0
                var held = Set<Int64>()   // alerts with a failed message in this pass: their later messages wait
                for (m, attempts) in try db.webhookDue(endpoint: webhook, now: at, maxAttempts: maxAttempts) {
                    guard let message = m.message, !held.contains(m.alertId) else { continue }
                    let answer = Self.post(message.xml(), to: url, identifier: m.identifier, timeout: timeout)
                    let failed = attempts + 1
                    let next = at + Self.backoff(afterFailures: failed)
                    try db.recordWebhookAttempt(messageID: m.id!, endpoint: webhook, at: at, delivered: answer.ok, error: answer.ok ? nil : answer.detail, nextAttemptAt: next)
                    if answer.ok {
                        Console.line("SENT    \(m.identifier) → \(webhook) (\(answer.detail))")
                    } else {
                        failures += 1
                        held.insert(m.alertId)
                        let then = failed >= maxAttempts ? "gave up after \(failed) attempts" : "retry after \(UTCTime.iso(next))"
                        Console.line("FAILED  \(m.identifier) → \(webhook): \(answer.detail); \(then)")
                    }
                }
                if failures > 0 { throw ExitCode(1) }
            }
        }

        /// POSTs `body`; ok for a 2xx answer. `URLSession` runs the request; this thread waits
        /// at most the timeout (plus a second) for it.
        static func post(_ body: String, to url: URL, identifier: String, timeout: Double) -> (ok: Bool, detail: String) {
            final class Answer: @unchecked Sendable { var status: Int?; var error: String? }
            var request = URLRequest(url: url, timeoutInterval: timeout)
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            request.setValue("application/cap+xml; charset=utf-8", forHTTPHeaderField: "Content-Type")
            request.setValue(identifier, forHTTPHeaderField: "X-CAP-Identifier")
            let answer = Answer()
            let done = DispatchSemaphore(value: 0)
            let task = URLSession.shared.dataTask(with: request) { _, response, error in
                answer.status = (response as? HTTPURLResponse)?.statusCode
                answer.error = error?.localizedDescription
                done.signal()
            }
            task.resume()
            if done.wait(timeout: .now() + timeout + 1) == .timedOut {
                task.cancel()
                return (false, "no answer within \(timeout) s")
            }
            if let status = answer.status { return ((200..<300).contains(status), "HTTP \(status)") }
            return (false, answer.error ?? "no answer")
        }
    }
}
