import BlueWatchStore
import Foundation
import Hummingbird
import Prometheus

/// The service's Prometheus metrics (swift-prometheus registry, one per service): requests
/// by method, route pattern and status, their durations, and the store's contents at scrape time.
public final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]

    public init() {}

    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(name: "bluewatch_http_requests_total", labels: [("method", method), ("route", route), ("status", "\(status)")],
                             help: "HTTP requests answered, by method, route pattern and status").increment()
        registry.makeDurationHistogram(name: "bluewatch_http_request_duration_seconds", labels: [("method", method), ("route", route)],
                                       buckets: Self.buckets, help: "Time to answer an HTTP request (until the response head), by route pattern").record(duration)
    }

    /// The text exposition, with the store's counts refreshed.
    func exposition(store: any DataStore) throws -> String {
        let s = try store.summary()
        for (name, value, help) in [("bluewatch_store_datasets", s.datasets, "datasets in the store"),
                                    ("bluewatch_store_series", s.series, "series in the store"),
                                    ("bluewatch_store_observations", s.observations, "stored observations"),
                                    ("bluewatch_store_plastic_samples", s.plasticSamples, "stored microplastic samples"),
                                    ("bluewatch_alerts_open", try store.alerts(openOnly: true, limit: 100_000).count, "alerts open now")] {
            registry.makeGauge(name: name, help: help).set(Double(value))
        }
        return registry.emitToString()
    }
}

/// Counts and times every request for ``ServiceMetrics``; routes are labelled by their
/// pattern (`/stations/{id}/series`), unknown ones as `NotFound`, so labels stay few.
struct RequestMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "NotFound", status: response.status.code, duration: ContinuousClock.now - start)
            return response
        } catch let error as HTTPResponseError {
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "NotFound", status: error.status.code, duration: ContinuousClock.now - start)
            throw error
        } catch {
            metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "NotFound", status: 500, duration: ContinuousClock.now - start)
            throw error
        }
    }
}
