import BlueWatchCore
import BlueWatchStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// POSTs released CAP messages to one webhook, oldest first, with retries and back-off, never
/// holding up the alert run (`bluewatch alerts deliver`, on its own cron line).
///
/// Each message goes as `application/cap+xml` with its CAP identifier in `X-CAP-Identifier`
/// (receivers can de-duplicate on it). A 2xx answer marks it delivered there; anything else is
/// retried after 1, 2, 4 … up to 60 minutes, at most `maxAttempts` times. A failed message
/// holds back the later messages of its alert in the same pass, so a receiver never sees an
/// Update before its Alert. The `deliver` run lock keeps two deliveries from sending the same
/// message.
public struct WebhookDelivery: Sendable {
    public var endpoint: URL
    public var maxAttempts: Int
    /// Seconds to wait for each answer.
    public var timeout: Double

    public init(endpoint: URL, maxAttempts: Int = 8, timeout: Double = 10) {
        self.endpoint = endpoint
        self.maxAttempts = maxAttempts
        self.timeout = timeout
    }

    /// One attempt to send one message.
    public struct Attempt: Sendable {
        public var identifier: String
        public var delivered: Bool
        /// "HTTP 200", or why it failed.
        public var detail: String
        /// When it will be tried again; nil when delivered or given up.
        public var retryAt: Double?
        public var attempts: Int
    }

    /// The wait before attempt k + 1 after k failures: 1, 2, 4, … minutes, at most an hour.
    public static func backoff(afterFailures k: Int) -> Double { min(3600, 60 * pow(2, Double(max(0, k - 1)))) }

    /// Sends every message due at `now`; `each` receives every attempt as it is recorded.
    /// Throws ``WorkflowError/busy(_:)`` when another delivery holds the lock and `wait` is
    /// false.
    public func run(store: any AlertStore & RunLocking, now: Double, wait: Bool, each: (Attempt) -> Void) throws -> [Attempt] {
        guard let lock = try store.runLock(kind: "deliver", wait: wait) else {
            throw WorkflowError.busy("another delivery holds the lock of \(store.location)")
        }
        defer { withExtendedLifetime(lock) {} }
        let url = endpoint.absoluteString
        var held = Set<Int64>()
        var attempts: [Attempt] = []
        for (record, earlier) in try store.webhookDue(endpoint: url, now: now, maxAttempts: maxAttempts) where !held.contains(record.alertId) {
            let answer: (ok: Bool, detail: String)
            do { answer = Self.post(try record.message().xml(), to: endpoint, identifier: record.identifier, timeout: timeout) } catch {
                answer = (false, "\(error)")
            }
            let failures = earlier + 1
            let next = now + Self.backoff(afterFailures: failures)
            try store.recordWebhookAttempt(messageID: record.id!, endpoint: url, at: now, delivered: answer.ok, error: answer.ok ? nil : answer.detail, nextAttemptAt: next)
            if !answer.ok { held.insert(record.alertId) }
            let attempt = Attempt(identifier: record.identifier, delivered: answer.ok, detail: answer.detail,
                                  retryAt: answer.ok || failures >= maxAttempts ? nil : next, attempts: failures)
            each(attempt)
            attempts.append(attempt)
        }
        return attempts
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
